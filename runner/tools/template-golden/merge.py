#!/usr/bin/env python3
"""Fills want/error sections of a golden file with Go's results; cases whose comment says
"Edited by hand" keep their sections. Usage: merge.py FILE"""
import json, subprocess, sys

path = sys.argv[1]
results = {}
for line in subprocess.run(['./golden', path], capture_output=True, text=True, check=True).stdout.splitlines():
    r = json.loads(line)
    results[r['name']] = r

text = open(path).read()
if text.endswith('\n'):
    text = text[:-1]
lines = text.split('\n')
header, cases, cur = [], [], None
for line in lines:
    if line.startswith('### '):
        cur = {'name': line[4:], 'lines': [line]}
        cases.append(cur)
    elif cur is None:
        header.append(line)
    else:
        cur['lines'].append(line)

out = header[:]
for c in cases:
    body = c['lines']
    while body and body[-1] == '':
        body.pop()
    hand = any('Edited by hand' in l for l in body if l.startswith('#'))
    if hand:
        out.extend(body)
    else:
        kept, skipping = [], False
        for l in body:
            if l.startswith('--- want') or l.startswith('--- error'):
                skipping = True
                continue
            if l.startswith('--- '):
                skipping = False
            if not skipping:
                kept.append(l)
        while kept and kept[-1] == '':
            kept.pop()
        out.extend(kept)
        r = results[c['name']]
        if 'error' in r:
            out += ['--- error', r['error']]
        else:
            out += ['--- want'] + r['want'].split('\n')
    out.append('')
open(path, 'w').write('\n'.join(out) + '\n')
