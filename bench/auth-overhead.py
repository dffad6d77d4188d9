#!/usr/bin/env python3
"""bench/auth-overhead.py - where the CPU of token authentication goes, per /v2 request.

usage: bench/auth-overhead.py [--reps N] [--seconds S] [--conns C] [--tokens N] [--rounds R]

Starts the built jar twice (--auth none, and token auth) on free loopback ports with temp data dirs,
pushes one small image to each, and measures the registry's CPU per manifest GET with wrk at C
connections (CPU from /proc/PID/stat, so only the registry's own time counts):

  open           the open registry, no Authorization header
  open + header  the open registry, with an ignored Authorization header as long as a real token:
                 the cost of merely receiving the header (Jetty parses header values byte by byte)
  token auth     the registry with token auth on and a real bearer token

token auth - (open + header) is what authentication itself costs per request (a verified token is
cached). Then what one token costs to issue, to verify on first use (JWT parse + signature check) and
on later requests, from bench/src/.../TokenCost.java run in a JVM with the registry's settings (R rounds
of N tokens; in-process, because over HTTP the difference drowns in the noise of single requests).
Writes bench/RESULTS-auth-overhead.md.
"""
import argparse, base64, glob, hashlib, http.client, json, os, re, shutil, socket, statistics
import subprocess, sys, tempfile, time, urllib.parse

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
JAR = os.path.join(ROOT, 'cli', 'target', 'slipway.jar')
JAVA_OPTS = ['-Xms32m', '-Xmx128m', '-XX:+UseSerialGC', '-XX:MaxDirectMemorySize=32m']  # as bench/run.sh
ACCEPT = ('application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json, '
          'application/vnd.docker.distribution.manifest.v2+json, application/vnd.docker.distribution.manifest.list.v2+json')
REPO = 'bench/small'
TICK = os.sysconf('SC_CLK_TCK')


def say(msg):
    print(time.strftime('%H:%M:%S') + ' auth-overhead: ' + msg, file=sys.stderr, flush=True)


def java():
    homes = [os.environ.get('JAVA_HOME', '')] + sorted(glob.glob('/usr/lib/jvm/*'), reverse=True)
    for home in homes:
        release = os.path.join(home, 'release')
        if home and os.path.isfile(release) and os.access(os.path.join(home, 'bin', 'java'), os.X_OK):
            m = re.search(r'JAVA_VERSION="(\d+)', open(release).read())
            if m and int(m.group(1)) >= 21:
                return os.path.join(home, 'bin', 'java')
    sys.exit('auth-overhead: no JDK 21+ found (set JAVA_HOME)')


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def cpu_seconds(pid):
    fields = open('/proc/%d/stat' % pid).read().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


class Registry:
    def __init__(self, java_bin, data, auth):
        self.port = free_port()
        self.data = data
        os.makedirs(data)
        self.log = open(data.rstrip('/') + '.log', 'w')
        self.proc = subprocess.Popen([java_bin] + JAVA_OPTS + ['-jar', JAR, 'serve', '--data-dir', data, '--host',
                                      '127.0.0.1', '--port', str(self.port), '--auth', auth],
                                     stdout=self.log, stderr=subprocess.STDOUT,
                                     env=dict(os.environ, MALLOC_ARENA_MAX='2'))
        self.basic = None
        for _ in range(300):
            try:
                socket.create_connection(('127.0.0.1', self.port), 0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            sys.exit('auth-overhead: the registry did not start, see ' + self.log.name)
        if auth == 'token':
            pw = json.load(open(os.path.join(data, 'admin-credentials.json')))['password']
            self.basic = 'Basic ' + base64.b64encode(('admin:' + pw).encode()).decode()
        self.service = '127.0.0.1:%d' % self.port

    def request(self, method, path, body=None, headers=None, conn=None):
        h = dict(headers or {})
        if self.basic and 'Authorization' not in h:
            h['Authorization'] = self.basic
        c = conn or http.client.HTTPConnection('127.0.0.1', self.port)
        c.request(method, path, body=body, headers=h)
        r = c.getresponse()
        data = r.read()
        if r.status >= 300:
            raise RuntimeError('%s %s: %d %s' % (method, path, r.status, data[:200]))
        return data

    def push_small_image(self):
        def blob(b):
            d = 'sha256:' + hashlib.sha256(b).hexdigest()
            self.request('POST', '/v2/%s/blobs/uploads/?digest=%s' % (REPO, d), b,
                         {'Content-Type': 'application/octet-stream'})
            return {'digest': d, 'size': len(b)}
        config = blob(b'{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}')
        layer = blob(os.urandom(4096))
        manifest = {'schemaVersion': 2, 'mediaType': 'application/vnd.oci.image.manifest.v1+json',
                    'config': dict(config, mediaType='application/vnd.oci.image.config.v1+json'),
                    'layers': [dict(layer, mediaType='application/vnd.oci.image.layer.v1.tar')]}
        self.request('PUT', '/v2/%s/manifests/latest' % REPO, json.dumps(manifest).encode(),
                     {'Content-Type': 'application/vnd.oci.image.manifest.v1+json'})

    def token(self, extra_scope=None, conn=None):
        scopes = ['repository:%s:pull' % REPO] + ([extra_scope] if extra_scope else [])
        q = urllib.parse.urlencode([('service', self.service)] + [('scope', s) for s in scopes])
        return json.loads(self.request('GET', '/oauth2/token?' + q, conn=conn))['token']

    def stop(self):
        self.proc.terminate()
        self.proc.wait(30)


def wrk(reg, auth_header, conns, seconds, workdir):
    lua = os.path.join(workdir, 'get.lua')
    with open(lua, 'w') as f:
        f.write('wrk.method = "GET"\nwrk.path = "/v2/%s/manifests/latest"\nwrk.headers["Accept"] = "%s"\n'
                % (REPO, ACCEPT))
        if auth_header:
            f.write('wrk.headers["Authorization"] = "%s"\n' % auth_header)
    cmd = ['wrk', '-t2', '-c%d' % conns, '-d%ds' % seconds, '-s', lua, 'http://127.0.0.1:%d/' % reg.port]
    subprocess.run(cmd[:3] + ['-d1s'] + cmd[4:], capture_output=True, check=True)  # warm-up
    c0 = cpu_seconds(reg.proc.pid)
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    c1 = cpu_seconds(reg.proc.pid)
    n = int(re.search(r'(\d+) requests in', out).group(1))
    if 'Non-2xx' in out:
        raise RuntimeError('wrk saw error responses:\n' + out)
    return {'rps': n / seconds, 'cpu_us': (c1 - c0) * 1e6 / n}


def token_cost(java_bin, tokens, rounds, workdir):
    """Issue and verify costs of one access token, in process CPU, from bench/src/.../TokenCost.java."""
    javac = os.path.join(os.path.dirname(java_bin), 'javac')
    src = os.path.join(BENCH, 'src', 'dev', 'slipway', 'server', 'auth', 'TokenCost.java')
    out = os.path.join(workdir, 'classes')
    subprocess.run([javac, '-cp', JAR, '-d', out, src], check=True)
    r = subprocess.run([java_bin] + JAVA_OPTS + ['-cp', out + os.pathsep + JAR, 'dev.slipway.server.auth.TokenCost',
                        str(tokens), str(rounds)], capture_output=True, text=True, check=True)
    return json.loads(r.stdout.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--reps', type=int, default=5)
    ap.add_argument('--seconds', type=int, default=4)
    ap.add_argument('--conns', type=int, default=16)
    ap.add_argument('--tokens', type=int, default=20000)
    ap.add_argument('--rounds', type=int, default=8)
    a = ap.parse_args()
    if not shutil.which('wrk'):
        sys.exit('auth-overhead: wrk is required (apt-get install wrk)')
    if not os.path.isfile(JAR):
        say('building ' + JAR)
        subprocess.run(['mvn', '-B', '-q', '-DskipTests', 'package'], cwd=ROOT, check=True)
    java_bin = java()
    tmp = tempfile.mkdtemp(prefix='slipway-auth-overhead.')
    regs = []
    try:
        open_reg = Registry(java_bin, os.path.join(tmp, 'open'), 'none')
        regs.append(open_reg)
        auth_reg = Registry(java_bin, os.path.join(tmp, 'auth'), 'token')
        regs.append(auth_reg)
        open_reg.push_small_image()
        auth_reg.push_small_image()
        say('warming up')
        for reg, header in ((open_reg, None), (auth_reg, 'Bearer ' + auth_reg.token())):
            wrk(reg, header, a.conns, 5, tmp)
        results = {'open': [], 'open + header': [], 'token auth': []}
        token_len = 0
        for rep in range(a.reps):
            bearer = 'Bearer ' + auth_reg.token()  # a fresh one each rep: they live 5 minutes
            token_len = len(bearer) - len('Bearer ')
            # Same length and alphabet as the real header; the open registry never looks at it.
            dummy = 'Bearer ' + base64.urlsafe_b64encode(os.urandom(token_len)).decode()[:token_len]
            say('rep %d/%d' % (rep + 1, a.reps))
            results['open'].append(wrk(open_reg, None, a.conns, a.seconds, tmp))
            results['open + header'].append(wrk(open_reg, dummy, a.conns, a.seconds, tmp))
            results['token auth'].append(wrk(auth_reg, bearer, a.conns, a.seconds, tmp))
    finally:
        for r in regs:
            r.stop()
    say('token costs: %d rounds of %d tokens' % (a.rounds, a.tokens))
    cost = token_cost(java_bin, a.tokens, a.rounds, tmp)
    shutil.rmtree(tmp, ignore_errors=True)

    med = {k: (statistics.median(x['cpu_us'] for x in v), statistics.median(x['rps'] for x in v))
           for k, v in results.items()}
    base_cpu, base_rps = med['open']
    lines = ['# Slipway: where the CPU of token authentication goes, per manifest GET', '',
             '- **Date**: %s; `bench/auth-overhead.py --reps %d --seconds %d --conns %d --tokens %d --rounds %d`; loadavg at end %s'
             % (time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()), a.reps, a.seconds, a.conns, a.tokens, a.rounds,
                ' '.join('%.2f' % x for x in os.getloadavg())),
             '- Registry CPU per request from /proc (median of %d wrk runs of %d s at %d connections, the three '
             'cases interleaved); JVM `%s`; access token %d bytes.' % (a.reps, a.seconds, a.conns, ' '.join(JAVA_OPTS), token_len),
             '', '| case | registry CPU per GET | vs open | req/s | vs open |', '|---|---|---|---|---|']
    for k, (cpu, rps) in med.items():
        lines.append('| %s | %.1f µs | %.2f× | %s | %.2f× |' % (k, cpu, cpu / base_cpu, format(int(rps), ','), rps / base_rps))
    header_cost = med['open + header'][0] - base_cpu
    auth_cost = med['token auth'][0] - med['open + header'][0]
    lines += ['', '- Receiving the Authorization header (Jetty parsing it, nothing else): **%.1f µs** per request.' % header_cost,
              '- Authentication itself (header split, verified-token cache lookup, scope check): **%.1f µs** per request.' % auth_cost,
              '- One token, in process CPU with the same JVM settings (GC and JIT included; `TokenCost`, last of %d rounds '
              'of %d tokens): issuing **%.1f µs**; first use, i.e. JWT parse + HS256 signature check + caching, '
              '**%.1f µs**; every later request **%.2f µs** (the cache lookup).'
              % (a.rounds, a.tokens, cost['sign_us'], cost['first_use_us'], cost['cached_us'])]
    text = '\n'.join(lines) + '\n'
    with open(os.path.join(BENCH, 'RESULTS-auth-overhead.md'), 'w') as f:
        f.write(text)
    print(text)


if __name__ == '__main__':
    main()
