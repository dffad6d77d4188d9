package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"text/template"
	"time"

	"github.com/Masterminds/sprig"
)

type tcase struct {
	Name, Tpl, Data string
}

// Reads the golden file format (### name / --- template / --- data / --- want|error) and prints
// one JSON object per case with Go's output or error.
func main() {
	f, _ := os.Open(os.Args[1])
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var cases []*tcase
	var cur *tcase
	section := ""
	var buf []string
	flush := func() {
		if cur == nil || section == "" {
			buf = nil
			return
		}
		text := strings.Join(buf, "\n")
		switch section {
		case "template":
			cur.Tpl = text
		case "data":
			cur.Data = text
		}
		buf = nil
	}
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "### ") {
			flush()
			cur = &tcase{Name: strings.TrimPrefix(line, "### ")}
			cases = append(cases, cur)
			section = ""
			continue
		}
		if strings.HasPrefix(line, "--- ") {
			flush()
			section = strings.TrimPrefix(line, "--- ")
			continue
		}
		buf = append(buf, line)
	}
	flush()
	enc := json.NewEncoder(os.Stdout)
	for _, c := range cases {
		var data interface{} = map[string]interface{}{}
		if strings.TrimSpace(c.Data) != "" {
			d := json.NewDecoder(strings.NewReader(c.Data))
			d.UseNumber()
			if err := d.Decode(&data); err != nil {
				fmt.Fprintln(os.Stderr, c.Name, err)
			}
			data = fix(data)
		}
		out, err := render(c.Tpl, data)
		res := map[string]string{"name": c.Name}
		if err != nil {
			res["error"] = strings.TrimPrefix(err.Error(), "template: ")
		} else {
			res["want"] = out
		}
		enc.Encode(res)
	}
}

func fix(v interface{}) interface{} {
	switch x := v.(type) {
	case json.Number:
		s := x.String()
		if strings.ContainsAny(s, ".eE") {
			f, _ := x.Float64()
			return f
		}
		i, _ := x.Int64()
		return int(i)
	case map[string]interface{}:
		for k, e := range x {
			x[k] = fix(e)
		}
	case []interface{}:
		for i := range x {
			x[i] = fix(x[i])
		}
	}
	return v
}

func render(tpl string, data interface{}) (s string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("PANIC %v", r)
		}
	}()
	fm := sprig.TxtFuncMap()
	fixed := time.Date(2019, 6, 28, 21, 3, 36, 123456789, time.UTC)
	fm["now"] = func() time.Time { return fixed }
	t := template.New("_").Option("missingkey=zero")
	t = t.New("t.yaml").Funcs(fm)
	if _, err := t.Parse(tpl); err != nil {
		return "", err
	}
	var b strings.Builder
	if err := t.ExecuteTemplate(&b, "t.yaml", data); err != nil {
		return "", err
	}
	return b.String(), nil
}
