#!/usr/bin/env python3
"""bench/results.py - turn regbench's JSON (Slipway = A, Distribution = B) into bench/RESULTS.md.

Python 3 standard library only. Normally called by bench/run.sh:
  results.py --json bench/work/regbench.json --text bench/work/regbench.txt --out bench/RESULTS.md \
             [--command CMD] [--started ISO] [--jdk TEXT] [--java-opts TEXT] [--commit SHA] [--note TEXT]
Exit status 0 whether or not the targets are met (the table says which).
"""

import argparse
import json
import os
import statistics


def fig_index(res):
    return {f['id']: f for f in res.get('figures', [])}


def med(f, side):
    s = f.get(side) if f else None
    return s['median'] if s else None


def ratio_stats(f, invert=False):
    """Median [min..max] of the per-repetition ratio A/B (or B/A with invert)."""
    if not f:
        return None
    if not invert:
        return f.get('ratio')
    a, b = f.get('A'), f.get('B')
    if not a or not b or len(a['samples']) != len(b['samples']):
        r = f.get('ratio')
        return r and {'median': 1 / r['median'], 'min': 1 / r['max'], 'max': 1 / r['min']}
    xs = [y / x for x, y in zip(a['samples'], b['samples']) if x]
    return xs and {'median': statistics.median(xs), 'min': min(xs), 'max': max(xs)}


def num(x, unit=''):
    if x is None:
        return 'n/a'
    a = abs(x)
    s = '%.0f' % x if a >= 100 else '%.1f' % x if a >= 10 else '%.2f' % x if a >= 1 else '%.3f' % x
    if a >= 10000:
        s = '{:,.0f}'.format(x)
    return s + (' ' + unit if unit else '')


def rng(r, suffix='×'):
    if not r:
        return 'n/a'
    return '%.2f%s (%.2f–%.2f)' % (r['median'], suffix, r['min'], r['max'])


def build_rows(res):
    F = fig_index(res)
    rows = []        # (figure, slipway, distribution, ratio text, target text, met: True/False/None)

    def ratio_row(label, fid, unit, target, minimum, invert=False, value_unit=None):
        f = F.get(fid)
        r = ratio_stats(f, invert)
        ok = None if not r else r['median'] >= minimum
        if f and f.get('error'):
            ok = False if r is None else ok
        rows.append((label, num(med(f, 'A'), value_unit or unit), num(med(f, 'B'), value_unit or unit),
                     rng(r), target, ok))

    def cpu_row(label, fid, unit, maximum):
        f = F.get(fid)
        a = med(f, 'A')
        r = ratio_stats(f)
        ok = None if a is None else a <= maximum
        rows.append((label, num(a, unit), num(med(f, 'B'), unit), rng(r),
                     '≤ %s %s' % (num(maximum), unit), ok))

    for op, name in (('get', 'manifest GET by tag'), ('head', 'manifest HEAD by digest')):
        for c in (16, 64):
            ratio_row('%s, %d conns: req/s' % (name, c), 'c.%s.c%d.rps' % (op, c), 'req/s', '≥ 10× Distribution', 10.0)
            cpu_row('%s, %d conns: registry CPU' % (name, c), 'c.%s.c%d.cpu' % (op, c), 'µs/req', 100.0)
    for c in (16, 64):
        ratio_row('manifest PUT, %d conns: req/s' % c, 'c.put.c%d.rps' % c, 'req/s', '≥ 3× Distribution', 3.0)
    for mode, name in (('mono', 'monolithic'), ('chunked', 'chunked (5 MiB PATCH)')):
        ratio_row('blob push 64 MiB %s: throughput' % name, 'a.push.%s.64MiB' % mode, 'MB/s', '≥ 1.5× Distribution', 1.5)
        cpu_row('blob push 64 MiB %s: registry CPU' % name, 'a.push.%s.64MiB.cpu' % mode, 'ms/MiB', 2.0)
    ratio_row('blob pull 64 MiB: throughput', 'b.pull.64MiB', 'MB/s', '≥ 1.0× Distribution', 1.0)
    f = F.get('b.pull.64MiB')
    lim = f and f.get('limit')
    a = med(f, 'A')
    if lim and a is not None:
        frac = a / lim['value']
        rows.append(('blob pull 64 MiB: share of the loopback limit (%s MB/s)' % num(lim['value']),
                     '%.0f %%' % (100 * frac),
                     '%.0f %%' % (100 * med(f, 'B') / lim['value']) if med(f, 'B') else 'n/a',
                     '', '≥ 85 % of loopback', frac >= 0.85))
    else:
        rows.append(('blob pull 64 MiB: share of the loopback limit', 'n/a', 'n/a', '', '≥ 85 % of loopback', None))
    ratio_row('image of 200 × 4 KiB layers: push time (ratio = speed-up)', 'd.push', 's', '≥ 1.5× faster', 1.5,
              invert=True)
    ratio_row('8 concurrent 64 MiB pushes: aggregate throughput', 'e.push.concurrent', 'MB/s',
              '≥ 1.2× Distribution', 1.2)
    peaks = {s: [p[s]['peak_rss_mib'] for p in res.get('phases', []) if s in p and p[s].get('peak_rss_mib')]
             for s in ('A', 'B')}
    pa = max(peaks['A']) if peaks['A'] else None
    pb = max(peaks['B']) if peaks['B'] else None
    rows.append(('registry peak RSS, whole run', num(pa, 'MiB'), num(pb, 'MiB'),
                 '%.2f×' % (pa / pb) if pa and pb else 'n/a', '≤ 300 MiB', None if pa is None else pa <= 300))
    return rows


def build_auth_rows(res):
    """Token auth on (A) vs off (B), same build: every figure within 10 % (per-repetition ratio medians)."""
    rows = []
    for f in res.get('figures', []):
        if not f.get('in_table') or f.get('error'):
            continue
        a, b = med(f, 'A'), med(f, 'B')
        r = (f.get('ratio') or {}).get('median')
        if a is None or b is None or r is None:
            continue
        lower_is_better = f.get('better') == 'lower'
        ok = r <= 1.10 if lower_is_better else r >= 0.90
        rows.append(('%s: %s' % (f.get('title') or f['id'], f.get('metric') or ''), num(a, f.get('unit') or ''),
                     num(b, f.get('unit') or ''), '%.2f×' % r,
                     '≤ 1.10× B' if lower_is_better else '≥ 0.90× B', ok))
    return rows


def render(res, text, a):
    meta = res.get('meta', {})
    regs = meta.get('registries', {})
    rows = build_auth_rows(res) if a.mode != 'distribution' else build_rows(res)
    if a.mode != 'distribution':
        return render_auth(res, text, a, rows)
    met = sum(1 for r in rows if r[5] is True)
    missed = [r[0] for r in rows if r[5] is False]
    nodata = [r[0] for r in rows if r[5] is None]
    L = ['# Slipway vs Distribution 2.8 — benchmark results', '']
    L.append('- **Date**: %s (regbench %s, %s mode, %s s)' % (a.started or meta.get('started'), meta.get('run_id'),
                                                              meta.get('mode'), meta.get('duration_s')))
    L.append('- **Machine**: %s CPUs (%s), %s GiB RAM, kernel %s; loadavg at start %s, at end %s' % (
        meta.get('cpus'), meta.get('cpu_model'), meta.get('mem_gib'), meta.get('kernel'),
        ' '.join(meta.get('loadavg_start') or []), ' '.join(meta.get('loadavg_end') or [])))
    if a.jdk:
        L.append('- **JDK**: %s' % a.jdk)
    if a.java_opts:
        L.append('- **Slipway JVM options**: `%s`' % a.java_opts)
    if a.commit:
        L.append('- **Slipway commit**: %s' % a.commit)
    if 'A' in regs:
        L.append('- **A = Slipway**: %s, `%s`' % (regs['A'].get('url'), (regs['A'].get('cmdline') or '')[:200]))
    if 'B' in regs:
        L.append('- **B = Distribution**: %s, `%s`' % (regs['B'].get('url'), (regs['B'].get('cmdline') or '')[:200]))
    lg = meta.get('load_generator') or {}
    L.append('- **Load generator**: %s (HEAD: %s)' % (lg.get('wrk') or lg.get('tool'), lg.get('head')))
    if a.command:
        L.append('- **Command**: `%s`' % a.command)
    for n in a.note or []:
        L.append('- **Note**: %s' % n)
    L.append('')
    L.append('## Targets')
    L.append('')
    L.append('Medians over the interleaved repetitions of one run; "ratio" is the median of the per-repetition '
             'ratios Slipway/Distribution (range in parentheses); CPU is the registry process\'s own CPU time '
             '(user + system) divided by the work done.')
    L.append('')
    L.append('| figure | Slipway | Distribution | ratio | target | met? |')
    L.append('|---|---|---|---|---|---|')
    for r in rows:
        L.append('| %s | %s | %s | %s | %s | %s |' % (r[0], r[1], r[2], r[3] or '', r[4],
                                                     {True: 'yes', False: '**no**', None: 'no data'}[r[5]]))
    L.append('')
    L.append('**%d of %d targets met.**%s%s' % (
        met, len(rows), (' Missed: %s.' % '; '.join(missed)) if missed else '',
        (' No data: %s.' % '; '.join(nodata)) if nodata else ''))
    if res.get('errors'):
        L.append('')
        L.append('Errors reported by regbench:')
        L.append('')
        for e in res['errors']:
            L.append('- `%s`: %s' % (e['figure'], e['error'].strip().replace('\n', ' ')[:300]))
    L.append('')
    L.append('## Raw regbench report')
    L.append('')
    L.append('```')
    L.append(text.rstrip('\n') if text else '(no text report)')
    L.append('```')
    L.append('')
    return '\n'.join(L)


def render_auth(res, text, a, rows):
    meta = res.get('meta', {})
    met = sum(1 for r in rows if r[5] is True)
    missed = [r[0] for r in rows if r[5] is False]
    control = a.mode == 'control'
    L = ['# ' + {'control': 'Slipway: the benchmark against itself (A/A control)',
                 'auth': 'Slipway: what token authentication costs',
                 'auth-vs-distribution': 'Slipway with token auth vs the open Distribution 2.8'}[a.mode], '']
    L.append('- **Date**: %s (regbench %s, %s mode, %s s); loadavg at start %s, at end %s' % (
        a.started or meta.get('started'), meta.get('run_id'), meta.get('mode'), meta.get('duration_s'),
        ' '.join(meta.get('loadavg_start') or []), ' '.join(meta.get('loadavg_end') or [])))
    if control:
        L.append('- **A** and **B** = the same build, both `--auth none`: how far apart two identical registries land in '
                 'this benchmark on this machine, i.e. its noise. Commit %s; JVM `%s`; command `%s`.' % (
                     a.commit, a.java_opts, a.command))
    elif a.mode == 'auth-vs-distribution':
        L.append('- **A** = Slipway with token auth on (regbench logs in as admin and uses bearer tokens; access tokens live 1 h because regbench does not renew them); '
                 '**B** = Distribution 2.8 (Debian\'s `docker-registry`), open. Commit %s; JVM `%s`; command `%s`.' % (
                     a.commit, a.java_opts, a.command))
    else:
        L.append('- **A** = Slipway with token auth on (regbench logs in as admin and uses bearer tokens; access tokens live 1 h because regbench does not renew them); '
                 '**B** = the same build with `--auth none`. Commit %s; JVM `%s`; command `%s`.' % (
                     a.commit, a.java_opts, a.command))
    L.append('')
    L.append('| figure | auth on | auth off | on/off | target | met? |' if a.mode == 'auth' else '| figure | A | B | A/B | target | met? |')
    L.append('|---|---|---|---|---|---|')
    for r in rows:
        L.append('| %s | %s | %s | %s | %s | %s |' % (r[0], r[1], r[2], r[3], r[4], 'yes' if r[5] else '**no**'))
    L.append('')
    L.append('**%d of %d figures within 10 %% of %s.**%s' % (
        met, len(rows), {'control': 'each other', 'auth': 'the open registry (the same build)',
                         'auth-vs-distribution': 'the open Distribution, or better'}[a.mode],
        (' Outside: %s.' % '; '.join(missed)) if missed else ''))
    L.append('')
    L.append('## Raw regbench report')
    L.append('')
    L.append('```')
    L.append(text.rstrip('\n') if text else '(no text report)')
    L.append('```')
    L.append('')
    return '\n'.join(L)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--json', required=True)
    ap.add_argument('--mode', choices=['distribution', 'auth', 'control', 'auth-vs-distribution'], default='distribution')
    ap.add_argument('--text')
    ap.add_argument('--out', required=True)
    ap.add_argument('--command')
    ap.add_argument('--started')
    ap.add_argument('--jdk')
    ap.add_argument('--java-opts')
    ap.add_argument('--commit')
    ap.add_argument('--note', action='append')
    a = ap.parse_args()
    with open(a.json) as f:
        res = json.load(f)
    text = None
    if a.text and os.path.exists(a.text):
        with open(a.text) as f:
            text = f.read()
    out = render(res, text, a)
    with open(a.out, 'w') as f:
        f.write(out)
    rows = build_auth_rows(res) if a.mode != 'distribution' else build_rows(res)
    for r in rows:
        print('%-4s %s: %s vs %s, %s (target %s)' % ({True: 'MET', False: 'MISS', None: '??'}[r[5]], r[0], r[1],
                                                    r[2], r[3], r[4]))
    return 0


if __name__ == '__main__':
    raise SystemExit(main())
