#!/usr/bin/python3
"""The web workspace (`rotaplan serve`, docs/web.md) from outside: servers
started on 127.0.0.1 port 0 with a temporary --data, driven over HTTP with
the standard library only.  Registered in tests/CMakeLists.txt as web_security
(who may come in, what a request may touch) and web_jobs (plans, downloads,
cancel, disconnecting clients, shutdown) and web_workspace (the policy form,
what-if scenarios and the compare job).

    web_check.py security|jobs|workspace ROTAPLAN SRC WORK

Every check runs; the exit status is 1 if any failed."""
import hashlib
import http.client
import json
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
import uuid

from web_common import Server, check, summary

MODE, BIN, SRC, WORK = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
WORK = os.path.join(WORK, MODE)
DEMO = os.path.join(SRC, "scenarios", "demo", "county")


def serve(name, *extra, users=None):
    return Server(BIN, WORK, name, *extra, users=users)


class Client:
    """One browser: its cookies and the session's CSRF token."""

    def __init__(self, srv):
        self.srv, self.cookies, self.csrf = srv, {}, None

    def request(self, method, path, body=None, headers=None, chunked=False):
        c = http.client.HTTPConnection("127.0.0.1", self.srv.port, timeout=120)
        h = dict(headers or {})
        if self.cookies:
            h["Cookie"] = "; ".join("%s=%s" % kv for kv in self.cookies.items())
        try:
            c.request(method, path, body=body, headers=h, encode_chunked=chunked)
            r = c.getresponse()
            data = r.read()
        finally:
            c.close()
        for v in r.headers.get_all("Set-Cookie") or []:
            k, _, rest = v.partition("=")
            self.cookies[k] = rest.split(";")[0]
            if not self.cookies[k]:
                del self.cookies[k]
        r.body = data
        return r

    def get(self, path):
        return self.request("GET", path)

    def form(self, path, fields, csrf=True):
        f = dict(fields)
        if csrf:
            f["csrf"] = self.csrf
        body = "&".join("%s=%s" % (k, v) for k, v in f.items())
        return self.request("POST", path, body=body.encode(),
                            headers={"Content-Type": "application/x-www-form-urlencoded"})

    def upload(self, ws, role, data, csrf=True, chunked=False, sheet=None):
        b = uuid.uuid4().hex
        parts = []
        if csrf:
            parts.append(b'--%s\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n%s\r\n' %
                         (b.encode(), self.csrf.encode()))
        parts.append(b'--%s\r\nContent-Disposition: form-data; name="role"\r\n\r\n%s\r\n' %
                     (b.encode(), role.encode()))
        if sheet is not None:
            parts.append(b'--%s\r\nContent-Disposition: form-data; name="sheet"\r\n\r\n%s\r\n'
                         % (b.encode(), sheet.encode()))
        parts.append(b'--%s\r\nContent-Disposition: form-data; name="file"; filename="x.csv"\r\n'
                     b'Content-Type: application/octet-stream\r\n\r\n' % b.encode())
        body = b"".join(parts) + data + b"\r\n--%s--\r\n" % b.encode()
        ct = {"Content-Type": "multipart/form-data; boundary=" + b}
        if chunked:
            return self.request("POST", "/w/%s/upload" % ws, body=iter([body]), headers=ct,
                                chunked=True)
        return self.request("POST", "/w/%s/upload" % ws, body=body, headers=ct)

    def enter(self):
        """Token mode: follow the printed link; reads the CSRF token."""
        r = self.get("/?token=" + self.srv.token)
        self.read_csrf()
        return r

    def read_csrf(self):
        m = re.search(rb'name="csrf" value="([0-9a-f]+)"', self.get("/").body)
        self.csrf = m.group(1).decode() if m else None

    def new_workspace(self, name="演示县", year=2026):
        r = self.form("/workspaces", {"name": name, "year": year})
        m = re.match(r"/w/([0-9a-f]{16})$", r.headers.get("Location") or "")
        return m.group(1) if r.status == 303 and m else None

    def run(self, ws, kind):
        r = self.form("/w/%s/run" % ws, {"kind": kind})
        m = re.match(r"/w/[0-9a-f]{16}/runs/([0-9a-f]{16})$", r.headers.get("Location") or "")
        return m.group(1) if r.status == 303 and m else None

    def status(self, ws, run):
        return json.loads(self.get("/api/w/%s/runs/%s" % (ws, run)).body)

    def wait(self, ws, run, until=("done", "failed", "cancelled"), timeout=600):
        t = time.time()
        while time.time() - t < timeout:
            st = self.status(ws, run)
            if st["status"] in until:
                return st
            time.sleep(0.5)
        return self.status(ws, run)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def tree(path):
    """Every file under path with its size and mtime."""
    out = {}
    for d, _, files in os.walk(path):
        for f in files:
            p = os.path.join(d, f)
            st = os.lstat(p)
            out[p] = (st.st_size, st.st_mtime_ns)
    return out


def upload_demo(c, ws):
    for role, f in (("schools", "schools.csv"), ("teachers", "teachers.csv"),
                    ("policy", "policy.ini")):
        r = c.upload(ws, role, read(os.path.join(DEMO, f)))
        if not check(r.status == 303, "upload of the demo's %s: 303 (got %d)" % (f, r.status)):
            return False
    return True


def security():
    print("== a server in token mode", flush=True)
    s = serve("token", "--max-upload", "1")
    c = Client(s)
    r = c.get("/")
    check(r.status == 401, "GET / without a session: 401 (got %d)" % r.status)
    r = c.get("/api/workspaces")
    check(r.status == 401 and json.loads(r.body).get("error") == "unauthorized",
          "GET /api/workspaces without a session: 401 in JSON")
    r = c.get("/?token=" + "0" * 64)
    check(r.status == 401 and not c.cookies, "a wrong token: 401 and no cookie (got %d)" % r.status)
    r = c.get("/?token=" + s.token[:-1])
    check(r.status == 401, "a token one digit short: 401")
    r = c.get("/?token=" + s.token)
    sc = r.headers.get("Set-Cookie") or ""
    check(r.status == 303 and r.headers.get("Location") == "/" and "rp_session=" in sc and
          "HttpOnly" in sc and "SameSite=Strict" in sc and "Path=/" in sc,
          "the token: 303 to / with an HttpOnly, SameSite=Strict session cookie")
    c.read_csrf()
    r = c.get("/")
    check(r.status == 200 and "工作区".encode() in r.body, "with the cookie: the list, in Chinese")
    for h, v in (("X-Content-Type-Options", "nosniff"), ("X-Frame-Options", "DENY"),
                 ("Referrer-Policy", "no-referrer"), ("Cache-Control", "no-store")):
        check(r.headers.get(h) == v, "header %s: %s" % (h, v))
    csp = r.headers.get("Content-Security-Policy") or ""
    check("default-src 'self'" in csp and "http" not in csp, "CSP default-src 'self', no origins")
    check(b"Workspaces" in c.get("/?lang=en").body and b"Workspaces" in c.get("/").body,
          "?lang=en switches to English and the choice is kept")
    c.get("/?lang=zh")
    check(not re.search(rb">[a-z]+_[a-z_]+<", c.get("/").body), "no text key left untranslated")

    print("== CSRF", flush=True)
    r = c.form("/workspaces", {"name": "x", "year": 2026}, csrf=False)
    check(r.status == 403, "POST /workspaces without the CSRF token: 403 (got %d)" % r.status)
    r = c.form("/workspaces", {"name": "x", "year": 2026, "csrf": "0" * 64}, csrf=False)
    check(r.status == 403, "with a wrong CSRF token: 403")
    check(c.get("/api/workspaces").body.strip() == b"[]", "and nothing was created")
    r = c.request("POST", "/workspaces", body=b"name=hdr&year=2026",
                  headers={"Content-Type": "application/x-www-form-urlencoded",
                           "X-CSRF-Token": c.csrf})
    check(r.status == 303, "the token in X-CSRF-Token: accepted (got %d)" % r.status)
    ws = c.new_workspace()
    check(ws is not None, "a workspace created: " + str(ws))
    check(os.stat(s.data).st_mode & 0o777 == 0o700, "--data created 0700")
    wsdir = os.path.join(s.data, "workspaces", ws)
    check(os.path.isfile(os.path.join(wsdir, "workspace.json")), "its workspace.json")
    r = c.upload(ws, "schools", read(os.path.join(DEMO, "schools.csv")), csrf=False)
    check(r.status == 403, "an upload without the CSRF token: 403 (got %d)" % r.status)
    check(not os.path.exists(os.path.join(wsdir, "inputs", "schools.csv")), "and nothing stored")
    upload_demo(c, ws)
    stored = os.path.join(wsdir, "inputs", "teachers.csv")
    check(read(stored) == read(os.path.join(DEMO, "teachers.csv")), "teachers.csv stored as sent")
    check(os.stat(stored).st_mode & 0o777 == 0o600, "stored 0600")
    r = c.get("/w/%s/inputs/teachers" % ws)
    check(r.status == 200 and r.body == read(stored) and
          "attachment" in (r.headers.get("Content-Disposition") or ""),
          "the input downloads as an attachment, byte-identical")

    print("== limits and malformed uploads", flush=True)
    before = read(stored)
    big = b"teacher_id\n" + b"x" * (2 << 20)
    # The answer comes after the headers, before the body is read (as a
    # client sending Expect: 100-continue sees it); the server then closes.
    sock = socket.create_connection(("127.0.0.1", s.port))
    sock.sendall(("POST /w/%s/upload HTTP/1.1\r\nHost: x\r\nCookie: rp_session=%s\r\n"
                  "X-CSRF-Token: %s\r\nContent-Type: multipart/form-data; boundary=zz\r\n"
                  "Content-Length: %d\r\n\r\n" % (ws, c.cookies["rp_session"], c.csrf,
                                                 len(big))).encode())
    answer = sock.recv(200).decode(errors="replace")
    sock.close()
    check(answer.startswith("HTTP/1.1 413"),
          "a 2 MB upload over --max-upload 1: 413 at once (got %r)" % answer[:20])
    r = c.upload(ws, "teachers", big, chunked=True)
    check(r.status == 413, "the same, chunked (no Content-Length): 413 (got %d)" % r.status)
    check(read(stored) == before, "the previous teachers.csv intact")
    check(not [f for f in os.listdir(os.path.join(wsdir, "inputs")) if f.startswith(".")],
          "no temporary file left in inputs/")
    for what, ct, body in (
            ("no boundary", "multipart/form-data", b"--x\r\n\r\n"),
            ("no file part", "multipart/form-data; boundary=zz",
             b'--zz\r\nContent-Disposition: form-data; name="role"\r\n\r\nteachers\r\n--zz--\r\n'),
            ("a body cut short", "multipart/form-data; boundary=zz",
             b'--zz\r\nContent-Disposition: form-data; name="role"\r\n\r\nteachers\r\n--zz\r\n'
             b'Content-Disposition: form-data; name="file"; filename="a"\r\n\r\nabc'),
            ("an unknown type", "text/plain", b"hello")):
        r = c.request("POST", "/w/%s/upload" % ws, body=body,
                      headers={"Content-Type": ct, "X-CSRF-Token": c.csrf})
        check(r.status == 400, "malformed multipart (%s): 400 (got %d)" % (what, r.status))
    check(read(stored) == before, "teachers.csv still intact")
    r = c.upload(ws, "policy", b"PK\x03\x04 not a policy")
    check(r.status == 400, "a workbook as policy.ini: 400")

    print("== path traversal: nothing outside --data", flush=True)
    outside = os.path.join(WORK, "outside")
    os.makedirs(outside, exist_ok=True)
    with open(os.path.join(outside, "secret.csv"), "w") as f:
        f.write("secret\n")
    snap_out, snap_data = tree(WORK), tree(s.data)
    run = c.run(ws, "audit")
    st = c.wait(ws, run)
    check(st["status"] in ("done", "failed"), "an audit ran: " + st["status"])
    bad = ["..", "../..", "%2e%2e", "%2e%2e%2f%2e%2e", "..%2f..%2foutside", "/etc/passwd",
           "%2fetc%2fpasswd", "abc%00", ws + "%00", ws + "/..", ws.upper(), ws + "0", ws[:-1],
           "0123456789abcdef", "%00", ".", "%2e", "..%5c..", "x" * 300]
    paths = []
    for b in bad:
        paths += ["/w/" + b, "/w/%s/inputs/%s" % (ws, b), "/w/%s/inputs/%s" % (b, "schools"),
                  "/w/%s/runs/%s" % (ws, b), "/w/%s/runs/%s/files/%s" % (ws, run, b),
                  "/w/%s/runs/%s/view/%s" % (ws, run, b), "/api/w/%s/runs/%s" % (b, run),
                  "/w/%s/runs/%s/view/out/%s" % (ws, run, b),
                  "/w/%s/runs/%s/files/%s/stdout.txt" % (ws, run, b),
                  "/w/%s/runs/%s/view/%s/%s/report.html" % (ws, run, b, b),
                  "/w/%s/runs/%s/files/%s" % (b, run, "stdout.txt")]
    paths += ["/w/%s/runs/%s/files/job.json" % (ws, run),
              "/w/%s/runs/%s/files/..%%2fjob.json" % (ws, run),
              "/w/%s/runs/%s/files/..%%2f..%%2f..%%2fworkspace.json" % (ws, run),
              "/w/%s/runs/%s/view/stdout.txt" % (ws, run),
              "/w/%s/inputs/..%%2f..%%2f..%%2f..%%2foutside%%2fsecret.csv" % ws,
              "//etc/passwd", "/static/../../etc/passwd", "/w/%s/../../../outside" % ws]
    wrong = []
    for p in paths:
        try:
            r = c.get(p)
            if r.status not in (400, 404) or b"secret" in r.body or b"root:" in r.body:
                wrong.append("%s -> %d" % (p, r.status))
        except http.client.HTTPException as e:
            wrong.append("%s -> %s" % (p, e))
    check(not wrong, "%d GETs with bad names: 404 or 400 %s" % (len(paths), wrong[:5]))
    wrong = []
    for b in ["../../outside/evil", "/tmp/evil", "schools/../../evil", "schools\x00", ""]:
        r = c.upload(ws, b, b"evil\n")
        if r.status != 400:
            wrong.append("%r -> %d" % (b, r.status))
    for b in ["../x", "audit/../plan", "/bin/sh", ""]:
        r = c.form("/w/%s/run" % ws, {"kind": b})
        if r.status != 400:
            wrong.append("kind %r -> %d" % (b, r.status))
    for b in ["..%2f..", ws + "%00"]:
        r = c.form("/w/%s/upload" % b, {"role": "schools"})
        if r.status not in (400, 404):
            wrong.append("ws %r -> %d" % (b, r.status))
    check(not wrong, "uploads with bad roles and jobs with bad kinds: 400 %s" % wrong[:5])
    after = tree(WORK)
    new = sorted(p for p in after if p not in snap_out and not p.startswith(s.data) and
                 not p.endswith(".log"))
    check(not new, "no file written outside --data %s" % new[:5])
    check(read(os.path.join(outside, "secret.csv")) == b"secret\n", "the file outside untouched")
    changed = [p for p in snap_data if p in after and after[p] != snap_data[p] and
               "/inputs/" in p]
    check(not changed, "the workspace's inputs unchanged %s" % changed[:3])
    check(not [p for p in after if os.path.basename(p) == "evil"], "no file named evil anywhere")
    rc = s.stop()
    check(rc == 0, "SIGTERM: a clean stop, exit 0 (got %s)" % rc)
    stale = os.path.join(wsdir, "inputs", ".upload-AbC123")
    with open(stale, "w") as f:
        f.write("half")
    s = serve("token")
    check(not os.path.exists(stale) and read(stored) == before,
          "a restart removes a crashed upload's temporary file, keeps the inputs")
    check(s.stop() == 0, "a clean stop")

    print("== accounts: two users on 127.0.0.1", flush=True)
    users = os.path.join(WORK, "users")
    for name, pw in (("alice", "wonderland-1"), ("bob", "builder-22")):
        p = subprocess.run([BIN, "serve", "--add-user", name, "--users", users], input=pw + "\n",
                           text=True, capture_output=True)
        check(p.returncode == 0, "--add-user %s" % name)
    check(os.stat(users).st_mode & 0o777 == 0o600, "the users file is 0600")
    text = read(users).decode()
    check(text.count("$argon2id$") == 2 and "wonderland" not in text, "Argon2id hashes, no password")
    p = subprocess.run([BIN, "serve", "--add-user", "alice", "--users", users], input="x\n",
                       text=True, capture_output=True)
    check(p.returncode == 2, "the same name again: refused (exit 2)")
    s = serve("users", users=users)
    check(s.token is None, "no token printed with --users")
    a, b = Client(s), Client(s)
    r = a.get("/")
    check(r.status == 401 and b'action="/login"' in r.body, "no session: 401 with the login form")
    r = a.form("/login", {"user": "alice", "password": "wrong"}, csrf=False)
    check(r.status == 401 and not a.cookies, "a wrong password: 401, no session")
    r = a.form("/login", {"user": "mallory", "password": "wonderland-1"}, csrf=False)
    check(r.status == 401, "an unknown name: 401")
    r = a.get("/?token=" + "0" * 64)
    check(r.status == 401, "a token in accounts mode: 401")
    r = a.form("/login", {"user": "alice", "password": "wonderland-1"}, csrf=False)
    check(r.status == 303 and "rp_session" in a.cookies, "alice logs in")
    a.read_csrf()
    b.form("/login", {"user": "bob", "password": "builder-22"}, csrf=False)
    b.read_csrf()
    wa = a.new_workspace("alice's county")
    check(wa is not None and a.get("/w/" + wa).status == 200, "alice's workspace")
    upload_demo(a, wa)
    ra = a.run(wa, "audit")
    a.wait(wa, ra)
    for p in ("/w/" + wa, "/w/%s/inputs/schools" % wa, "/w/%s/runs/%s" % (wa, ra),
              "/api/w/%s/runs/%s" % (wa, ra), "/w/%s/runs/%s/files/stdout.txt" % (wa, ra)):
        r = b.get(p)
        check(r.status == 404, "bob: GET %s: 404 (got %d)" % (p.replace(wa, "<alice>"), r.status))
    r = b.upload(wa, "schools", b"x\n")
    check(r.status == 404, "bob: upload into alice's workspace: 404 (got %d)" % r.status)
    r = b.form("/w/%s/run" % wa, {"kind": "audit"})
    check(r.status == 404, "bob: a job in alice's workspace: 404")
    r = b.form("/w/%s/runs/%s/cancel" % (wa, ra), {})
    check(r.status == 404, "bob: cancel in alice's workspace: 404")
    check(wa.encode() not in b.get("/").body and b.get("/api/workspaces").body.strip() == b"[]",
          "bob's list does not show alice's workspace")
    r = a.form("/logout", {})
    check(r.status == 303 and a.get("/").status == 401, "logout ends the session")
    log = read(os.path.join(WORK, "users.log")).decode()
    check("wonderland" not in log and "token" not in log and "password" not in log,
          "the log holds no password, token or query")
    check(re.search(r"^GET / 401 \d+ms$", log, re.M) is not None,
          "one line per request: method, path, status, ms")
    check(s.stop() == 0, "a clean stop")

    print("== binding", flush=True)
    for extra, what in (([], "no --users, no TLS"), (["--users", users], "--users but no TLS")):
        p = subprocess.run([BIN, "serve", "--listen", "0.0.0.0:0", "--data",
                            os.path.join(WORK, "x")] + extra, capture_output=True, text=True,
                           timeout=30)
        check(p.returncode == 2 and "refusing to start" in p.stderr,
              "0.0.0.0 with %s: refused, exit 2" % what)
    check(not os.path.exists(os.path.join(WORK, "x")), "and no data folder made")

    print("== TLS (a self-signed certificate made by openssl)", flush=True)
    cert, key = os.path.join(WORK, "cert.pem"), os.path.join(WORK, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                    "-out", cert, "-days", "2", "-subj", "/CN=localhost"], check=True,
                   capture_output=True)
    s = serve("tls", "--cert", cert, "--key", key)
    check(s.base.startswith("https://"), "the printed link is https")
    ctx = ssl.create_default_context()
    ctx.check_hostname, ctx.verify_mode = False, ssl.CERT_NONE
    c = http.client.HTTPSConnection("127.0.0.1", s.port, timeout=30, context=ctx)
    c.request("GET", "/?token=" + s.token)
    r = c.getresponse()
    r.read()
    c.close()
    sc = r.headers.get("Set-Cookie") or ""
    check(r.status == 303 and sc.endswith("; Secure"), "over TLS: the session cookie is Secure")
    try:
        c = http.client.HTTPConnection("127.0.0.1", s.port, timeout=10)
        c.request("GET", "/")
        plain = c.getresponse().status
    except (OSError, http.client.HTTPException):
        plain = None
    check(plain is None, "plain HTTP on the TLS port gets no page")
    check(s.stop() == 0, "a clean stop")
    s = serve("any", "--listen", "0.0.0.0:0", "--users", users, "--cert", cert, "--key", key)
    check(s.base.startswith("https://0.0.0.0:"), "0.0.0.0 with accounts and TLS: serving")
    check(s.stop() == 0, "a clean stop")


def pids_of(run):
    """The processes working in the run's folder (a job runs in its
    inputs/, and so does the solver child it forks), read from /proc."""
    pids = []
    for pid in os.listdir("/proc"):
        try:
            if pid.isdigit() and ("/runs/%s/" % run) in os.readlink("/proc/%s/cwd" % pid) + "/":
                pids.append(pid)
        except OSError:
            pass
    return pids


def xlsx_rosters(c):
    """The Chinese demo's rosters saved as workbooks (openpyxl, as Excel
    would), uploaded: the server keeps them as .xlsx, the plan reads them
    (io/xlsx_reader.c) and gives the CSV rosters' list."""
    import csv
    import io
    try:
        import openpyxl
    except ImportError:
        check(False, "python3-openpyxl is needed (make test installs it)")
        return
    zh = os.path.join(SRC, "scenarios", "demo", "county-zh")
    ws = c.new_workspace("演示县（Excel）")
    for role, name in (("schools", "学校.csv"), ("teachers", "教师.csv")):
        wb = openpyxl.Workbook()
        sheet = wb.active
        text = read(os.path.join(zh, name)).decode("gb18030")
        for row in csv.reader(io.StringIO(text)):
            sheet.append(row)
        buf = io.BytesIO()
        wb.save(buf)
        r = c.upload(ws, role, buf.getvalue())
        check(r.status == 303, "upload of %s as a workbook: 303 (got %d)" % (name, r.status))
    r = c.upload(ws, "policy", read(os.path.join(zh, "policy.ini")))
    run = c.run(ws, "plan")
    st = c.wait(ws, run)
    check(st["status"] == "done" and any(i.get("name", "").endswith(".xlsx") or
                                         ".xlsx" in json.dumps(i) for i in st.get("inputs", [])),
          "the plan of the workbooks done, its inputs the .xlsx files")
    cli = os.path.join(WORK, "cli-zh")
    subprocess.run([BIN, "plan", "--schools", os.path.join(zh, "学校.csv"), "--teachers",
                    os.path.join(zh, "教师.csv"), "--policy", os.path.join(zh, "policy.ini"),
                    "--out", cli, "--lang", "zh", "--csv-encoding", "utf-8"],
                   capture_output=True, check=True)
    r = c.get("/w/%s/runs/%s/files/rotation_list.csv" % (ws, run))
    check(r.status == 200 and r.body == read(os.path.join(cli, "rotation_list.csv")),
          "its rotation_list.csv is the CSV rosters' list")
    sheet_chosen(c, zh, read(os.path.join(cli, "rotation_list.csv")))


def sheet_chosen(c, zh, csv_list):
    """One workbook with a notes sheet first and the rosters on its second
    and third sheets, uploaded twice with the sheet named: a name it lacks
    is refused with the sheets it has (in the page's language), the named
    sheets are kept with the files, and the audit, the plan (the CSV
    rosters' list), the publish of that plan and a comparison (its
    0-current.ini) read them."""
    import csv
    import io
    import openpyxl
    print("== a workbook's sheet named at upload", flush=True)
    wb = openpyxl.Workbook()
    wb.active.title = "说明"
    wb.active.append(["第二张是学校名册，第三张是教师名册"])
    for title, name in (("学校", "学校.csv"), ("教师", "教师.csv")):
        sheet = wb.create_sheet(title)
        for row in csv.reader(io.StringIO(read(os.path.join(zh, name)).decode("gb18030"))):
            sheet.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    book = buf.getvalue()
    ws = c.new_workspace("演示县（一个工作簿）")
    inputs = os.path.join(c.srv.data, "workspaces", ws, "inputs")
    r = c.upload(ws, "schools", book, sheet="学校名册")
    page = r.body.decode()
    check(r.status == 400 and "schools.xlsx: 工作簿中没有名为“学校名册”的工作表" in page and
          "&quot;说明&quot;, &quot;学校&quot;, &quot;教师&quot;" in page,
          "a sheet the workbook lacks: 400, the reader's message in Chinese with its sheets")
    c.get("/?lang=en")
    r = c.upload(ws, "schools", book, sheet="学校名册")
    page = r.body.decode()
    check(r.status == 400 and 'no sheet named &quot;学校名册&quot; in the workbook (its sheets: '
          '&quot;说明&quot;, &quot;学校&quot;, &quot;教师&quot;)' in page,
          "in English with ?lang=en")
    c.get("/?lang=zh")
    r = c.upload(ws, "schools", read(os.path.join(zh, "学校.csv")), sheet="学校")
    check(r.status == 400 and "只有 Excel 工作簿" in r.body.decode(),
          "a sheet named for a CSV file: 400")
    r = c.upload(ws, "schools", book, sheet="学校/../x")
    check(r.status == 400 and "工作表名称应为" in r.body.decode(),
          "a sheet's name with / : 400")
    check(sorted(os.listdir(inputs)) == [], "nothing kept of the refused uploads")
    for role, sheet in (("schools", " 学校 "), ("teachers", "教师")):
        r = c.upload(ws, role, book, sheet=sheet)
        check(r.status == 303, "the workbook as %s, sheet %r: 303 (got %d)" % (role, sheet,
                                                                              r.status))
    c.upload(ws, "policy", read(os.path.join(zh, "policy.ini")))
    check(read(os.path.join(inputs, "schools.sheet")) == "学校".encode(),
          "the sheet kept with the file (inputs/schools.sheet), the spaces typed around it dropped")
    page = c.get("/w/" + ws).body.decode()
    check('data-role="schools">工作表：学校<' in page and
          'data-role="teachers">工作表：教师<' in page and 'name="sheet"' in page,
          "the workspace's page: each workbook with its sheet, the upload form's sheet field")
    a = c.run(ws, "audit")
    st = c.wait(ws, a)
    page = c.get("/w/%s/runs/%s" % (ws, a)).body.decode()
    check(st["status"] == "done" and "schools.xlsx#学校" in st["args"] and
          "teachers.xlsx#教师" in st["args"] and
          {i["role"]: i.get("sheet") for i in st["inputs"]} ==
          {"schools": "学校", "teachers": "教师", "policy": None},
          "the audit: done, given schools.xlsx#学校 and teachers.xlsx#教师, job.json's inputs "
          "with their sheets")
    check('data-role="teachers">工作表：教师<' in page and "学校" in page,
          "the audit's page says which sheet was read")
    run = c.run(ws, "plan")
    st = c.wait(ws, run)
    r = c.get("/w/%s/runs/%s/files/rotation_list.csv" % (ws, run))
    check(st["status"] == "done" and "teachers.xlsx#教师" in st["args"] and r.body == csv_list,
          "the plan of the named sheets: the CSV rosters' rotation list")
    r = post(c, "/w/%s/runs/%s/publish" % (ws, run), {"published": "2026-07-01"})
    m = re.match(r"/w/[0-9a-f]{16}/runs/([0-9a-f]{16})$", r.headers.get("Location") or "")
    st = c.wait(ws, m.group(1)) if m else {"status": "not started"}
    check(st["status"] == "done" and "teachers.xlsx#教师" in st.get("args", []) and
          [i.get("sheet") for i in st["inputs"]] == ["学校", "教师", None],
          "its publish: done, reading the plan run's inputs at the same sheets")
    post(c, "/w/%s/scenarios" % ws, {"name": "比例15", "quota_share": "0.15"})
    cmp = c.run(ws, "compare")
    st = c.wait(ws, cmp)
    ref = read(os.path.join(c.srv.data, "workspaces", ws, "runs", cmp or "x", "inputs",
                            "0-current.ini")).decode()
    check(st["status"] == "done" and "schools = schools.xlsx#学校\n" in ref and
          "teachers = teachers.xlsx#教师\n" in ref and "比例15/rotation_list.csv" in st["outputs"],
          "a comparison: done, its 0-current.ini naming the rosters at their sheets")
    r = c.upload(ws, "teachers", book)
    page = c.get("/w/" + ws).body.decode()
    check(r.status == 303 and not os.path.exists(os.path.join(inputs, "teachers.sheet")) and
          'data-role="teachers">工作表：第一个可见的工作表<' in page,
          "uploaded again without a sheet: the first visible sheet, the old choice forgotten")


def frontier(c, ws, plan_list):
    """The move frontier (`plan --frontier`) as a job of its own: its
    points' plans listed under frontier/, its report's section, a point's
    list downloaded; the plan itself the demo's."""
    print("== the move frontier", flush=True)
    check("run_frontier" not in c.get("/w/" + ws).body.decode() and
          'value="frontier"' in c.get("/w/" + ws).body.decode(),
          "the workspace's page offers it, labelled")
    run = c.run(ws, "frontier")
    st = c.wait(ws, run)
    outs = st.get("outputs", [])
    points = sorted(o for o in outs if re.match(r"frontier/moves_\d{4}/rotation_list\.csv$", o))
    check(st["status"] == "done" and "--frontier" in st.get("args", []) and
          "frontier.csv" in outs and len(points) >= 3,
          "done, `plan --frontier`, frontier.csv and %d points' lists" % len(points))
    r = c.get("/w/%s/runs/%s/view/report.html" % (ws, run))
    check(r.status == 200 and b'id="frontier"' in r.body, "its report shows the frontier")
    r = c.get("/w/%s/runs/%s/files/%s" % (ws, run, points[0] if points else "x"))
    rows = r.body.decode("utf-8-sig", "replace").strip().splitlines()
    check(r.status == 200 and len(rows) - 1 == int(points[0][15:19]) if points else False,
          "a point's list downloads, as many moves as its name says")
    check(c.get("/w/%s/runs/%s/files/rotation_list.csv" % (ws, run)).body == plan_list,
          "the plan of the frontier run is the demo's plan")
    page = c.get("/w/%s/runs/%s" % (ws, run)).body.decode()
    check("frontier/moves_" in page and "frontier.csv" in page, "its page lists the points")


def jobs():
    s = serve("jobs", "--max-upload", "20", "--max-jobs", "1")
    c = Client(s)
    c.enter()
    ws = c.new_workspace()
    upload_demo(c, ws)
    wsdir = os.path.join(s.data, "workspaces", ws)

    print("== a plan of the demo county, and the CLI's", flush=True)
    run = c.run(ws, "plan")
    check(run is not None, "plan queued: 303 to its page")
    page = c.get("/w/%s/runs/%s" % (ws, run)).body
    check(b'src="/static/app.js"' in page or b'id="files"' in page, "the run's page")
    st = c.wait(ws, run)
    check(st["status"] == "done" and st.get("exit_code") == 0, "the plan done: " + st["status"])
    check(len(st.get("inputs", [])) == 3 and all(len(i["sha256"]) == 64 for i in st["inputs"]),
          "job.json holds the inputs' SHA-256")
    check(st["inputs"][1]["sha256"] ==
          hashlib.sha256(read(os.path.join(DEMO, "teachers.csv"))).hexdigest(),
          "teachers.csv's hash is that of the file sent")
    for f in ("rotation_list.csv", "summary.json", "plan.xlsx", "report.html"):
        check(f in st.get("outputs", []), "outputs list " + f)
    cli = os.path.join(WORK, "cli")
    subprocess.run([BIN, "plan", "--schools", os.path.join(DEMO, "schools.csv"), "--teachers",
                    os.path.join(DEMO, "teachers.csv"), "--policy",
                    os.path.join(DEMO, "policy.ini"), "--out", cli, "--lang", "zh"],
                   capture_output=True, check=True)
    r = c.get("/w/%s/runs/%s/files/rotation_list.csv" % (ws, run))
    check(r.status == 200 and r.body == read(os.path.join(cli, "rotation_list.csv")),
          "rotation_list.csv downloads byte-identical to the CLI's")
    check('attachment; filename="rotation_list.csv"' == r.headers.get("Content-Disposition"),
          "as an attachment")
    r = c.get("/w/%s/runs/%s/view/report.html" % (ws, run))
    check(r.status == 200 and b"<svg" in r.body and
          "sandbox" in (r.headers.get("Content-Security-Policy") or ""),
          "the report shown inline, sandboxed")
    page = c.get("/w/%s/runs/%s" % (ws, run)).body.decode()
    check("rotation_list.csv" in page and "view/report.html" in page, "its page lists the files")
    hist = c.get("/w/" + ws).body.decode()
    check(run in hist and st["inputs"][0]["sha256"] in hist, "history: the run with its hashes")
    plan_list = c.get("/w/%s/runs/%s/files/rotation_list.csv" % (ws, run)).body

    frontier(c, ws, plan_list)

    print("== the Chinese demo uploaded as Excel workbooks", flush=True)
    xlsx_rosters(c)

    print("== audits: the table, and a broken roster's errors at their rows", flush=True)
    a = c.run(ws, "audit")
    st = c.wait(ws, a)
    page = c.get("/w/%s/runs/%s" % (ws, a)).body.decode()
    check(st["status"] == "done" and 'id="stdout"' in page and "S001" in page,
          "the demo's audit: done, its table on the page")
    wb = c.new_workspace("错误名册")
    broken = os.path.join(SRC, "scenarios", "demo", "broken-zh")
    c.upload(wb, "schools", read(os.path.join(broken, "学校.csv")))
    c.upload(wb, "teachers", read(os.path.join(broken, "教师.csv")))
    a = c.run(wb, "audit")
    st = c.wait(wb, a)
    page = c.get("/w/%s/runs/%s" % (wb, a)).body.decode()
    check(st["status"] == "failed" and st.get("exit_code") == 3, "a broken roster: failed, exit 3")
    # The job runs with --lang zh: the messages are in Chinese (issue 13).
    check("teachers.csv:3: 列&quot;出生年份&quot;" in page and s.data not in page,
          "its errors on the page by file and row, in Chinese, no server path")
    r = c.form("/w/%s/run" % c.new_workspace("空"), {"kind": "plan"})
    check(r.status == 409, "a plan without rosters: 409 (got %d)" % r.status)

    print("== cancel a long plan (generated 300-section county)", flush=True)
    gen = os.path.join(WORK, "gen300")
    subprocess.run([BIN, "generate", "--sections", "300", "--out", gen], check=True,
                   capture_output=True)
    ws2 = c.new_workspace("大县", 2026)
    for role in ("schools", "teachers"):
        c.upload(ws2, role, read(os.path.join(gen, role + ".csv")))
    inputs_before = tree(os.path.join(s.data, "workspaces", ws2, "inputs"))
    long = c.run(ws2, "plan")
    t = time.time()
    while time.time() - t < 120 and c.status(ws2, long)["status"] != "running":
        time.sleep(0.2)
    queued = c.run(ws, "plan")
    check(c.status(ws, queued)["status"] == "queued", "--max-jobs 1: a second plan waits")
    t = time.time()
    while time.time() - t < 120 and not c.status(ws2, long)["progress"].get("stage"):
        time.sleep(0.5)
    check(len(pids_of(long)) >= 1, "the plan runs in its own process (%d)" % len(pids_of(long)))
    st = c.status(ws2, long)
    check(st["status"] == "running" and st["progress"].get("stage") and
          st["progress"]["elapsed"] >= 1, "its progress: stage %r, elapsed %s s" %
          (st["progress"].get("stage"), st["progress"].get("elapsed")))
    check(c.status(ws, queued)["status"] == "queued", "the second plan still waits")
    r = c.form("/w/%s/runs/%s/cancel" % (ws2, long), {})
    check(r.status == 303, "cancel: 303")
    st = c.wait(ws2, long, timeout=60)
    check(st["status"] == "cancelled", "the job cancelled: " + st["status"])
    time.sleep(0.5)
    check(pids_of(long) == [], "no process of it left (/proc)")
    check(tree(os.path.join(s.data, "workspaces", ws2, "inputs")) == inputs_before,
          "the workspace's inputs intact")
    r = c.get("/w/%s/runs/%s/files/rotation_list.csv" % (ws, run))
    check(r.body == plan_list, "the earlier run's list intact")
    st = c.wait(ws, queued)
    check(st["status"] == "done", "the waiting plan ran after the cancel: " + st["status"])
    r = c.get("/w/%s/runs/%s/files/rotation_list.csv" % (ws, queued))
    check(r.body == plan_list, "and made the same list")

    print("== clients that disconnect", flush=True)
    sock = socket.create_connection(("127.0.0.1", s.port))
    b = uuid.uuid4().hex
    head = ("POST /w/%s/upload HTTP/1.1\r\nHost: x\r\nCookie: rp_session=%s\r\n"
            "X-CSRF-Token: %s\r\nContent-Type: multipart/form-data; boundary=%s\r\n"
            "Content-Length: 5000000\r\n\r\n" % (ws, c.cookies["rp_session"], c.csrf, b))
    sock.sendall(head.encode() + b'--%s\r\nContent-Disposition: form-data; name="role"\r\n\r\n'
                 b'teachers\r\n--%s\r\nContent-Disposition: form-data; name="file"; '
                 b'filename="t.csv"\r\n\r\n' % (b.encode(), b.encode()) + b"y" * 200000)
    time.sleep(0.5)
    sock.close()
    time.sleep(1)
    check(c.get("/").status == 200, "the server answers after a client left mid-upload")
    check(read(os.path.join(wsdir, "inputs", "teachers.csv")) ==
          read(os.path.join(DEMO, "teachers.csv")), "the previous teachers.csv intact")
    check(not [f for f in os.listdir(os.path.join(wsdir, "inputs")) if f.startswith(".")],
          "the half upload's temporary file removed")
    for i in range(3):
        sock = socket.create_connection(("127.0.0.1", s.port))
        sock.sendall(("GET /w/%s/inputs/teachers HTTP/1.1\r\nHost: x\r\nCookie: rp_session=%s"
                      "\r\n\r\n" % (ws2, c.cookies["rp_session"])).encode())
        sock.recv(100)
        sock.close()
    time.sleep(0.5)
    r = c.get("/w/%s/inputs/teachers" % ws2)
    check(r.status == 200 and r.body == read(os.path.join(gen, "teachers.csv")),
          "the server serves whole files after clients left mid-download")

    print("== 20 clients planning at once, one leaving mid-upload", flush=True)
    many = serve("many", "--max-jobs", "2")
    results = [None] * 20

    def planner(i):
        try:
            p = Client(many)
            p.enter()
            w = p.new_workspace("县%d" % i)
            if not upload_demo(p, w):
                return
            rid = p.run(w, "plan")
            st = p.wait(w, rid)
            body = p.get("/w/%s/runs/%s/files/rotation_list.csv" % (w, rid)).body
            results[i] = (st["status"], body == plan_list)
        except Exception as e:  # noqa: BLE001 - reported as the client's result
            results[i] = ("error: %s" % e, False)

    def leaver():
        p = Client(many)
        p.enter()
        w = p.new_workspace("半途")
        sock = socket.create_connection(("127.0.0.1", many.port))
        sock.sendall(("POST /w/%s/upload HTTP/1.1\r\nHost: x\r\nCookie: rp_session=%s\r\n"
                      "X-CSRF-Token: %s\r\nContent-Type: multipart/form-data; boundary=q\r\n"
                      "Content-Length: 9000000\r\n\r\n--q\r\nContent-Disposition: form-data; "
                      "name=\"file\"; filename=\"t\"\r\n\r\n" %
                      (w, p.cookies["rp_session"], p.csrf)).encode() + b"z" * 300000)
        time.sleep(1)
        sock.close()

    threads = [threading.Thread(target=planner, args=(i,)) for i in range(20)]
    threads.append(threading.Thread(target=leaver))
    for t in threads:
        t.start()
    for t in threads:
        t.join(900)
    check(all(r == ("done", True) for r in results),
          "every plan done, every list the demo's %s" % [r for r in results if r != ("done", True)][:3])
    check(not [p for p in tree(many.data) if "/inputs/." in p], "no temporary upload left")
    check(many.stop() == 0, "a clean stop")

    print("== stopping with a job running", flush=True)
    last = c.run(ws2, "plan")
    t = time.time()
    while time.time() - t < 120 and c.status(ws2, last)["status"] != "running":
        time.sleep(0.2)
    time.sleep(1)
    rc = s.stop()
    check(rc == 0, "SIGTERM with a job running: exit 0 (got %s)" % rc)
    check(pids_of(last) == [], "and no process of the job left")
    rec = json.loads(read(os.path.join(s.data, "workspaces", ws2, "runs", last, "job.json")))
    check(rec["status"] == "cancelled", "its job.json says cancelled")
    crashes(gen, plan_list)
    queue_full(gen)


def queue_full(gen):
    """The job count limit: --max-jobs running, 64 waiting, past that 429
    with no run made; a stop then cancels them all."""
    print("== the job queue's limit", flush=True)
    s = serve("queue", "--max-jobs", "1")
    c = Client(s)
    c.enter()
    ws = c.new_workspace("大县")
    for role in ("schools", "teachers"):
        c.upload(ws, role, read(os.path.join(gen, role + ".csv")))
    runs = [c.run(ws, "plan")]
    t = time.time()
    while time.time() - t < 120 and c.status(ws, runs[0])["status"] != "running":
        time.sleep(0.2)
    runs += [c.run(ws, "audit") for _ in range(64)]
    rdir = os.path.join(s.data, "workspaces", ws, "runs")
    before = sorted(os.listdir(rdir))
    r = c.form("/w/%s/run" % ws, {"kind": "audit"})
    check(all(runs) and c.status(ws, runs[-1])["status"] == "queued" and r.status == 429,
          "one running, 64 waiting, the next: 429 (got %d)" % r.status)
    check(sorted(os.listdir(rdir)) == before, "and no run made for it")
    check(s.stop() == 0, "a stop with 65 jobs: exit 0")
    st = [json.loads(read(os.path.join(rdir, r, "job.json")))["status"] for r in runs]
    check(set(st) == {"cancelled"}, "every one of them cancelled %s" % sorted(set(st)))


def crashes(gen, plan_list):
    """A job killed from outside (the OOM killer, a crash) and the server
    itself killed mid-job: the run ends failed or interrupted with no file
    listed; the workspace's inputs and the earlier run stay as they were."""
    print("== a job killed from outside, the server killed mid-job", flush=True)
    s = serve("crash")
    c = Client(s)
    c.enter()
    ws = c.new_workspace("示范县")
    upload_demo(c, ws)
    done = c.run(ws, "plan")
    c.wait(ws, done)
    for role in ("schools", "teachers"):
        c.upload(ws, role, read(os.path.join(gen, role + ".csv")))
    wsdir = os.path.join(s.data, "workspaces", ws)
    inputs = tree(os.path.join(wsdir, "inputs"))
    earlier = tree(os.path.join(wsdir, "runs", done))

    def running(run):
        t = time.time()
        while time.time() - t < 120 and not (c.status(ws, run).get("progress") or {}).get("stage"):
            time.sleep(0.3)
        return pids_of(run)

    run = c.run(ws, "plan")
    pids = running(run)
    for pid in pids:
        os.kill(int(pid), signal.SIGKILL)
    st = c.wait(ws, run, timeout=60)
    check(pids and st["status"] == "failed" and st.get("signal") == 9 and not st.get("outputs"),
          "a job killed by SIGKILL: failed, signal 9, no file listed (%s)" % st.get("status"))
    time.sleep(0.5)
    check(pids_of(run) == [], "no process of it left")
    check(c.get("/").status == 200, "the server goes on")
    check(tree(os.path.join(wsdir, "inputs")) == inputs, "the workspace's inputs intact")
    check(tree(os.path.join(wsdir, "runs", done)) == earlier and
          c.get("/w/%s/runs/%s/files/rotation_list.csv" % (ws, done)).body == plan_list,
          "the earlier run intact, its list the demo's")
    run = c.run(ws, "plan")
    pids = running(run)
    s.proc.kill()
    s.proc.wait(30)
    s.log.close()
    time.sleep(1)
    check(pids and pids_of(run) == [], "the server killed: its job dies with it (PDEATHSIG)")
    s = serve("crash")
    c = Client(s)
    c.enter()
    st = c.status(ws, run)
    check(st.get("status") == "interrupted" and not st.get("outputs"),
          "after a restart the run reads interrupted, no file listed (%s)" % st.get("status"))
    check(tree(os.path.join(wsdir, "inputs")) == inputs and
          tree(os.path.join(wsdir, "runs", done)) == earlier,
          "the inputs and the earlier run intact after the crash")
    again = c.run(ws, "audit")
    check(c.wait(ws, again)["status"] == "done", "and the workspace works: an audit done")
    check(s.stop() == 0, "a clean stop")


def post(c, path, fields, csrf=True):
    """A form POST with its values URL-encoded (Chinese names, line breaks)."""
    from urllib.parse import urlencode
    f = dict(fields)
    if csrf:
        f.setdefault("csrf", c.csrf)
    return c.request("POST", path, body=urlencode(f).encode(),
                     headers={"Content-Type": "application/x-www-form-urlencoded"})


def nested_files(a, ws, run, rundir):
    """A comparison's scenarios' own files (out/<name>/): in the run's list,
    reached from comparison.html's links, and nothing else under view/ or
    files/: no '..', no link followed out of the run's folder."""
    from urllib.parse import quote, unquote, urljoin
    print("== a comparison's scenarios' own files", flush=True)
    rec = json.loads(read(os.path.join(rundir, "job.json")))
    outs = rec["outputs"]
    want = ["%s/%s" % (n, f) for n in ("当前政策", "比例15", "骨干30", "满5年")
            for f in ("report.html", "plan.xlsx", "rotation_list.csv")]
    check(all(w in outs for w in want), "outputs: each scenario's report.html, plan.xlsx and "
          "rotation_list.csv under its name (%d names)" % len(outs))
    base = "/w/%s/runs/%s/view/comparison.html" % (ws, run)
    page = a.get(base).body.decode()
    links = re.findall(r'href="([^"]+)"', page)
    check(len(links) == 4, "comparison.html links to the four scenarios' reports %s" % links)
    bad = []
    for l in links:
        r = a.get(quote(urljoin(base, l), safe="/%"))
        csp = r.headers.get("Content-Security-Policy") or ""
        if r.status != 200 or "sandbox" not in csp or b"<html" not in r.body or \
                r.body != read(os.path.join(rundir, "out", unquote(l))):
            bad.append("%s -> %d" % (l, r.status))
    check(links and not bad, "each link of comparison.html opens that scenario's report, "
          "sandboxed %s" % bad)
    for rel in ("比例15/rotation_list.csv", "骨干30/plan.xlsx"):
        for route in ("files", "view"):
            r = a.get("/w/%s/runs/%s/%s/%s" % (ws, run, route, quote(rel)))
            cd = r.headers.get("Content-Disposition") or ""
            named = "filename*=UTF-8''%s" % quote(rel.replace("/", "_"), safe=".")
            check(r.status == 200 and cd.startswith("attachment") and cd.endswith(named) and
                  r.body == read(os.path.join(rundir, "out", rel)),
                  "%s/%s: a download, byte-identical (%d, %s)" % (route, rel, r.status, cd))
    run_page = a.get("/w/%s/runs/%s" % (ws, run)).body.decode()
    check(("/w/%s/runs/%s/view/%s" % (ws, run, quote("比例15/report.html"))) in run_page and
          ("/w/%s/runs/%s/files/%s" % (ws, run, quote("满5年/plan.xlsx"))) in run_page,
          "the run's page links each scenario's report and workbook")
    outside = os.path.join(WORK, "outside-nested")
    os.makedirs(outside, exist_ok=True)
    with open(os.path.join(outside, "report.html"), "w") as f:
        f.write("<html>secret</html>")
    out = os.path.join(rundir, "out")
    os.symlink(os.path.join(outside, "report.html"), os.path.join(out, "比例15", "evil.html"))
    os.symlink(outside, os.path.join(out, "linked"))
    shutil.copy(os.path.join(rundir, "job.json"), os.path.join(WORK, "job.json.saved"))
    rec["outputs"] += ["比例15/evil.html", "linked/report.html"]
    with open(os.path.join(rundir, "job.json"), "w") as f:
        json.dump(rec, f, ensure_ascii=False)
    wrong = []
    for rel in ["比例15/evil.html", "linked/report.html", "比例15/../comparison.html",
                "比例15/%2e%2e/%2e%2e/job.json", "%2e%2e/job.json", "..%2fjob.json",
                "比例15//report.html", "比例15/report.html/", "比例15/./report.html",
                "%ff/report.html", "%c0%ae%c0%ae/job.json", "比例15/.hidden", "a/b/c/d.html",
                "比例15%00/report.html", "比例15/report.html%00", "x" * 250 + "/report.html",
                "/etc/passwd", "%2fetc%2fpasswd", "比例15\\report.html"]:
        for route in ("files", "view"):
            try:
                r = a.get("/w/%s/runs/%s/%s/%s" % (ws, run, route, quote(rel, safe="/%.")))
                if r.status not in (400, 404) or b"secret" in r.body:
                    wrong.append("%s/%s -> %d" % (route, rel, r.status))
            except http.client.HTTPException as e:
                wrong.append("%s/%s -> %s" % (route, rel, e))
    check(not wrong, "bad and linked names under files/ and view/: 404, nothing from outside %s"
          % wrong[:4])
    shutil.copy(os.path.join(WORK, "job.json.saved"), os.path.join(rundir, "job.json"))
    os.unlink(os.path.join(out, "比例15", "evil.html"))
    os.unlink(os.path.join(out, "linked"))


def appeals_table(a, ws, ap, tid):
    """An appeal round's appeals.csv shown as a table on its run's page:
    the file's rows as they are, the headers in the page's language."""
    import csv
    import html
    raw = a.get("/w/%s/runs/%s/files/appeals.csv" % (ws, ap)).body
    for enc in ("utf-8-sig", "gb18030"):
        try:
            rows = list(csv.reader(raw.decode(enc).splitlines()))
            break
        except UnicodeDecodeError:
            rows = []
    shown = {}
    for lang in ("zh", "en"):
        page = a.get("/w/%s/runs/%s?lang=%s" % (ws, ap, lang)).body.decode()
        m = re.search(r'<table id="appeals">(.*?)</table>', page, re.S)
        t = m.group(1) if m else ""
        shown[lang] = ([html.unescape(h) for h in re.findall(r"<th>(.*?)</th>", t)],
                       [[html.unescape(c) for c in re.findall(r"<td>(.*?)</td>", tr)]
                        for tr in re.findall(r"<tr>(.*?)</tr>", t) if "<td>" in tr])
    a.get("/?lang=zh")
    zh_head, zh_rows = shown["zh"]
    en_head, en_rows = shown["en"]
    check(len(rows) == 2 and zh_rows == rows[1:] and en_rows == rows[1:] and tid in rows[1],
          "the appeal round's page shows appeals.csv as a table, row for row (%d rows)" %
          len(zh_rows))
    check(zh_head[:1] == ["工号"] and "单独准予" in zh_head and "缺口变化" in zh_head and
          len(zh_head) == 10, "its headers in Chinese: %s" % zh_head)
    check(en_head[:1] == ["teacher_id"] and "granted_alone" in en_head and
          "shortfall_change" in en_head and len(en_head) == 10,
          "and in English with ?lang=en: %s" % en_head)


def scenario_form(a, ws, sdir, zh):
    """The scenario form offers the keys a what-if changes, labelled as the
    policy form labels them, and the county changes a line says (a school
    closes, recruits, an enrolment change); what it writes plans in the
    command line, and a bad value in any field is refused with no file."""
    print("== the scenario form: policy keys and county changes", flush=True)
    keys = ["quota_share", "quota_max_share", "backbone_share", "min_years", "term_years",
            "max_km", "max_outflow_share", "min_toward_share", "subject_cover",
            "backbone_direction", "move_scope", "primary_ratio", "junior_ratio",
            "overstaff_share"]
    page = a.get("/w/" + ws).body.decode()
    m = re.search(r'<table id="scenario-keys">(.*?)</table>', page, re.S)
    t = m.group(1) if m else ""
    check(all('id="sc_%s"' % k in t for k in keys) and len(re.findall(r"<tr><td>", t)) == len(keys),
          "the form offers %d policy keys, each once" % len(keys))
    check(all(w in t for w in ("交流期限", "学科保障", "骨干流向", "公里", "国家规定", "地方做法",
                               "教师〔2014〕4号")) and "（不变）" in t,
          "with their labels, units and sources in Chinese, words as a list")
    check(re.search(r"<code>quota_share</code></td><td><input[^>]*></td><td>[^<]*</td><td>0\.15</td>",
                    t) is not None, "beside quota_share the workspace's value now, 0.15")
    check(all('id="sc_%s"' % f in page for f in ("close_school", "close_to", "recruit_subject",
                                                "recruit_count", "recruit_degree",
                                                "recruit_school", "enrolment_target",
                                                "enrolment_change")) and
          '<option value="pe">体育</option>' in page and '<option value="master">硕士</option>' in page,
          "the county changes: a closure, recruits (subjects and degrees in Chinese), enrolment")
    en = a.get("/w/%s?lang=en" % ws).body.decode()
    a.get("/?lang=zh")
    check("Term of a rotation" in en and "Subject cover" in en and "A school closes" in en and
          '<option value="pe">' in en, "and in English")
    before = sorted(os.listdir(sdir))
    for extra, what in (({"close_school": "S031"}, "a closure with no receiving school"),
                        ({"close_school": "S0;31", "close_to": "S033"}, "a ; in a school id"),
                        ({"close_school": "S031", "close_to": "S031"}, "a school closed into itself"),
                        ({"close_school": "S031", "close_to": "S033\n[base]"}, "a line break"),
                        ({"recruit_subject": "painting", "recruit_count": "3"}, "an unknown subject"),
                        ({"recruit_subject": "pe", "recruit_count": "0"}, "0 recruits"),
                        ({"recruit_subject": "pe", "recruit_count": "1001"}, "1001 recruits"),
                        ({"recruit_subject": "pe", "recruit_count": "3", "recruit_degree": "phd!"},
                         "an unknown degree"),
                        ({"recruit_subject": "pe", "recruit_count": "3",
                          "recruit_school": "../S001"}, "a path as school"),
                        ({"enrolment_target": "rural", "enrolment_change": "-200%"}, "-200%"),
                        ({"enrolment_target": "rural", "enrolment_change": "800"},
                         "a count for an area"),
                        ({"enrolment_target": "../x", "enrolment_change": "5%"}, "a path as target"),
                        ({"term_years": "abc"}, "term_years abc"),
                        ({"subject_cover": "sometimes"}, "subject_cover sometimes")):
        f = {"name": "坏的"}
        f.update(extra)
        r = post(a, "/w/%s/scenarios" % ws, f)
        check(r.status == 400 and 'id="error"' in r.body.decode(),
              "scenario with %s: 400 and why (got %d)" % (what, r.status))
    check(sorted(os.listdir(sdir)) == before, "no file written for them")
    r = post(a, "/w/%s/scenarios" % ws, {
        "name": "撤并招聘", "term_years": "5", "subject_cover": "off",
        "close_school": "S031", "close_to": "S033，S030", "recruit_subject": "体育",
        "recruit_count": "3", "recruit_degree": "master", "enrolment_target": "rural",
        "enrolment_change": "-10%"})
    new = sorted(set(os.listdir(sdir)) - set(before))
    text = read(os.path.join(sdir, new[0])).decode() if new else ""
    check(r.status == 303 and len(new) == 1 and "term_years = 5" in text and
          "subject_cover = off" in text and "close.S031 = S033, S030" in text and
          "pe = 3, master" in text and "rural = -10%" in text,
          "a scenario with policy and county changes written (%d) %r" %
          (r.status, text or re.sub(r"<[^>]+>", " ", r.body.decode())[-300:]))
    tmp = os.path.join(WORK, "scenario-cli")
    os.makedirs(tmp, exist_ok=True)
    with open(os.path.join(tmp, "0-current.ini"), "w") as f:
        f.write("[base]\nname = 当前政策\nschools = %s\nteachers = %s\npolicy = %s\n" %
                (os.path.join(zh, "学校.csv"), os.path.join(zh, "教师.csv"),
                 os.path.join(zh, "policy.ini")))
    shutil.copy(os.path.join(sdir, new[0]) if new else os.devnull, os.path.join(tmp, "s.ini"))
    p = subprocess.run([BIN, "plan", "--scenario", os.path.join(tmp, "s.ini"), "--out",
                        os.path.join(tmp, "out")], capture_output=True, text=True)
    check(p.returncode == 0 and "S031" in p.stderr,
          "the command line plans it (exit %d), the closure's warning naming S031" % p.returncode)
    os.unlink(os.path.join(sdir, new[0])) if new else None


def workspace():
    """The second round's pages (docs/web.md): the policy form, what-if
    scenarios and the compare job; their CSRF, 401, 404 and bad names."""
    import openpyxl
    zh = os.path.join(SRC, "scenarios", "demo", "county-zh")
    users = os.path.join(WORK, "users")
    for name, pw in (("alice", "wonderland-1"), ("bob", "builder-22"), ("carol", "singer-333")):
        subprocess.run([BIN, "serve", "--add-user", name, "--users", users], input=pw + "\n",
                       text=True, capture_output=True, check=True)
    s = serve("ws", users=users)
    a, b, anon = Client(s), Client(s), Client(s)
    a.form("/login", {"user": "alice", "password": "wonderland-1"}, csrf=False)
    a.read_csrf()
    b.form("/login", {"user": "bob", "password": "builder-22"}, csrf=False)
    b.read_csrf()
    ws = a.new_workspace("演示县", 2026)
    wsdir = os.path.join(s.data, "workspaces", ws)
    for role, f in (("schools", "学校.csv"), ("teachers", "教师.csv"), ("policy", "policy.ini")):
        r = a.upload(ws, role, read(os.path.join(zh, f)))
        check(r.status == 303, "upload of the Chinese demo's %s" % f)
    policy = os.path.join(wsdir, "inputs", "policy.ini")

    print("== the policy form", flush=True)
    r = a.get("/w/%s/policy" % ws)
    page = r.body.decode()
    keys = re.findall(r'<code>([a-z_0-9]+)</code>', page)
    p = subprocess.run([BIN, "audit", "--schools", os.path.join(zh, "学校.csv"), "--teachers",
                        os.path.join(zh, "教师.csv"), "--policy", os.path.join(zh, "policy.ini"),
                        "--lang", "en"], capture_output=True, text=True)
    echo = [k for k in re.findall(r"^\s*([a-z_0-9]+)\s*[=:|]", p.stdout, re.M)]
    check(r.status == 200 and len(keys) >= 40 and len(set(keys)) == len(keys),
          "GET /w/<ws>/policy: every key once (%d)" % len(keys))
    check(all(k in keys for k in ("quota_share", "backbone_share", "max_km", "plan_year",
                                  "primary_ratio", "subject_cover")),
          "quota_share, backbone_share, max_km, plan_year, primary_ratio, subject_cover there")
    check("交流比例下限" in page and "教师〔2014〕4号" in page and "国家规定" in page and
          "地方做法" in page and "公里" in page,
          "labels, units and sources in Chinese (交流比例下限, 教师〔2014〕4号, 国家规定, 地方做法, 公里)")
    check('value="2026"' in page, "the current plan_year (2026) from the uploaded policy.ini")
    en = a.get("/w/%s/policy?lang=en" % ws).body.decode()
    a.get("/?lang=zh")
    check("Share that rotates, at least" in en and "national rule" in en and "km" in en,
          "the same in English")
    before = read(policy)
    r = post(a, "/w/%s/policy" % ws, {"quota_share": "0.15"}, csrf=False)
    check(r.status == 403 and read(policy) == before, "POST without CSRF: 403, policy.ini unchanged")
    for bad, what in ((("quota_share", "1.5"), "quota_share = 1.5"),
                      (("max_km", "abc"), "max_km"),
                      (("quota_share", "0.1\n[staffing]\nprimary_ratio = 5"), "quota_share"),
                      (("subject_cover", "sometimes"), "subject_cover")):
        r = post(a, "/w/%s/policy" % ws, dict([bad]))
        check(r.status == 400 and what in r.body.decode() and read(policy) == before,
              "%s=%r: 400 with the reader's message, policy.ini unchanged" % bad)
    form = dict(re.findall(r'<input id="k_[a-z_0-9]+" name="([a-z_0-9]+)" size="10" value="([^"]*)"',
                           page))
    form.update(re.findall(r'<select id="k_[a-z_0-9]+" name="([a-z_0-9]+)">.*?<option selected>'
                           r'([^<]*)</option>', page))
    check(len(form) == len(keys), "the form sends every key back (%d)" % len(form))
    form["quota_share"] = "0.15"
    r = post(a, "/w/%s/policy" % ws, form)
    text = read(policy).decode()
    lines = [l for l in text.splitlines() if l and not l.startswith(";") and not l.startswith("[")]
    check(r.status == 303 and sorted(lines) == ["plan_year = 2026", "quota_share = 0.15"],
          "saved: plan_year and the one key that differs %s" % lines)
    p = subprocess.run([BIN, "audit", "--schools", os.path.join(zh, "学校.csv"), "--teachers",
                        os.path.join(zh, "教师.csv"), "--policy", policy], capture_output=True)
    check(p.returncode == 0, "the saved policy.ini reads in `rotaplan audit`")
    check(a.get("/w/%s/inputs/policy" % ws).body == read(policy), "policy.ini downloads")
    check('value="0.15"' in a.get("/w/%s/policy" % ws).body.decode(), "the form shows 0.15")

    print("== what-if scenarios and the compare job", flush=True)
    for name, key, v in (("比例15", "quota_share", "0.15"), ("骨干30", "backbone_share", "0.3"),
                         ("满5年", "min_years", "5")):
        r = post(a, "/w/%s/scenarios" % ws, {"name": name, key: v})
        check(r.status == 303, "scenario %s (%s = %s): 303" % (name, key, v))
    sdir = os.path.join(wsdir, "scenarios")
    check(sorted(os.listdir(sdir)) == ["s01.ini", "s02.ini", "s03.ini"], "three files in scenarios/")
    s1 = read(os.path.join(sdir, "s01.ini")).decode()
    check("extends = 0-current.ini" in s1 and "name = 比例15" in s1 and "quota_share = 0.15" in s1,
          "s01.ini: extends the current policy, its name and its change")
    for name, extra, what in (("../x", {}, "a path"), ("a/b", {}, "a slash"), ("", {}, "empty"),
                              ("x\ny", {}, "a line break"), ("比例15", {}, "a name taken"),
                              ("当前政策", {}, "the reference's name"),
                              ("ok", {"max_km": "-1"}, "max_km -1"),
                              ("ok", {"quota_share": "0.2\n[base]"}, "a line break in a value")):
        f = {"name": name}
        f.update(extra)
        r = post(a, "/w/%s/scenarios" % ws, f)
        check(r.status == 400, "scenario with %s: 400 (got %d)" % (what, r.status))
    check(sorted(os.listdir(sdir)) == ["s01.ini", "s02.ini", "s03.ini"], "still three files")
    check(read(os.path.join(sdir, "s01.ini")).decode() == s1, "s01.ini unchanged")
    page = a.get("/w/" + ws).body.decode()
    check(all(n in page for n in ("比例15", "骨干30", "满5年")), "the workspace page lists them")
    run = a.run(ws, "compare")
    st = a.wait(ws, run)
    check(st["status"] == "done", "the compare job: done (%s)" % st["status"])
    rec = json.loads(read(os.path.join(wsdir, "runs", run, "job.json")))
    scen = [i for i in rec["inputs"] if i["role"] == "scenario"]
    check([i["file"] for i in scen] == ["0-current.ini", "s01.ini", "s02.ini", "s03.ini"] and
          all(len(i["sha256"]) == 64 for i in scen),
          "job.json: the reference and the three scenarios with their SHA-256")
    check(rec["args"][0] == "compare" and "--out" in rec["args"] and "--xlsx" in rec["args"],
          "args: rotaplan compare --out ... --xlsx ... --html ...")
    check(all(n in rec["outputs"] for n in ("comparison.csv", "comparison.html",
                                            "comparison.xlsx", "comparison.json")),
          "outputs: comparison.csv, .html, .xlsx, .json")
    cj = json.loads(a.get("/w/%s/runs/%s/files/comparison.json" % (ws, run)).body)
    text = json.dumps(cj, ensure_ascii=False)
    check(all(n in text for n in ("当前政策", "比例15", "骨干30", "满5年")),
          "comparison.json holds the four scenarios")
    x = a.get("/w/%s/runs/%s/files/comparison.xlsx" % (ws, run))
    xp = os.path.join(WORK, "comparison.xlsx")
    with open(xp, "wb") as f:
        f.write(x.body)
    wb = openpyxl.load_workbook(xp)
    cells = " ".join(str(c.value) for sh in wb.worksheets for row in sh.iter_rows() for c in row
                     if c.value is not None)
    check(x.status == 200 and "比例15" in cells and "满5年" in cells,
          "the workbook reads back with openpyxl, the scenarios in it")
    r = a.get("/w/%s/runs/%s/view/comparison.html" % (ws, run))
    check(r.status == 200 and "sandbox" in (r.headers.get("Content-Security-Policy") or ""),
          "the comparison's report shown, sandboxed")
    nested_files(a, ws, run, os.path.join(wsdir, "runs", run))
    r = post(a, "/w/%s/scenarios/s03.ini/delete" % ws, {})
    check(r.status == 303 and sorted(os.listdir(sdir)) == ["s01.ini", "s02.ini"],
          "a scenario deleted")
    check(os.path.isfile(os.path.join(wsdir, "runs", run, "inputs", "s03.ini")),
          "the run keeps the scenario it compared")
    scenario_form(a, ws, sdir, zh)
    run2 = a.run(ws, "compare")
    time.sleep(0.5)
    post(a, "/w/%s/runs/%s/cancel" % (ws, run2), {})
    st = a.wait(ws, run2)
    check(st["status"] in ("cancelled", "done"), "a compare cancelled: %s" % st["status"])
    check(pids_of(run2) == [], "no process of the cancelled compare left")

    print("== publishing a plan run", flush=True)
    plan = a.run(ws, "plan")
    check(a.wait(ws, plan)["status"] == "done", "a plan with the saved policy: done")
    plan_dir = os.path.join(wsdir, "runs", plan)
    plan_tree = tree(plan_dir)
    for bad, what in (({"published": "2026-7-1"}, "a date not YYYY-MM-DD"),
                      ({"published": "../../x"}, "a path as date"),
                      ({"appeal_days": "0"}, "0 appeal days"), ({"appeal_days": "5x"}, "5x days"),
                      ({"contact": "a\nb"}, "a line break in the contact")):
        r = post(a, "/w/%s/runs/%s/publish" % (ws, plan), bad)
        check(r.status == 400, "publish with %s: 400 (got %d)" % (what, r.status))
    r = post(a, "/w/%s/runs/%s/publish" % (ws, run), {})
    check(r.status == 409, "publish of a comparison run: 409 (got %d)" % r.status)
    r = post(a, "/w/%s/run" % ws, {"kind": "publish"})
    check(r.status == 400, "publish as a workspace job (no plan named): 400")
    r = post(a, "/w/%s/runs/%s/publish" % (ws, "0" * 16), {})
    check(r.status == 404, "publish of a run that does not exist: 404")
    r = post(a, "/w/%s/runs/%s/publish" % (ws, plan), {"published": "2026-07-01",
                                                     "appeal_days": "7",
                                                     "contact": "县教育局人事股 0000-1234567"})
    m = re.match(r"/w/[0-9a-f]{16}/runs/([0-9a-f]{16})$", r.headers.get("Location") or "")
    pub = m.group(1) if r.status == 303 and m else None
    st = a.wait(ws, pub) if pub else {"status": "not started"}
    check(st["status"] == "done", "the publish job: done (%s)" % st["status"])
    rec = json.loads(read(os.path.join(wsdir, "runs", pub, "job.json")))
    prec = json.loads(read(os.path.join(plan_dir, "job.json")))
    check(rec.get("plan_run") == plan and rec["inputs"] == prec["inputs"],
          "job.json: the plan run it published and the same inputs, hashes and all")
    check("--published" in rec["args"] and "2026-07-01" in rec["args"] and
          "--appeal-days" in rec["args"] and "7" in rec["args"] and "--plan" in rec["args"],
          "args: publish --plan plan --published 2026-07-01 --appeal-days 7 --contact ...")
    check(all(n in rec["outputs"] for n in ("notices.html", "public_list.csv", "public_list.xlsx",
                                            "index.html")),
          "outputs: index.html, notices.html, public_list.csv and .xlsx")
    r = a.get("/w/%s/runs/%s/view/notices.html" % (ws, pub))
    check(r.status == 200 and "0000-1234567" in r.body.decode() and
          "sandbox" in (r.headers.get("Content-Security-Policy") or ""),
          "a notice shown (sandboxed) with the contact")
    check(a.get("/w/%s/runs/%s/files/public_list.csv" % (ws, pub)).status == 200,
          "the 公示 list downloads")
    check(tree(plan_dir) == plan_tree, "the plan run's folder unchanged")
    page = a.get("/w/%s/runs/%s" % (ws, plan)).body.decode()
    check('id="publish-form"' in page, "the plan run's page has the publish form")
    check(prec.get("user") == "alice" and rec.get("user") == "alice" and
          'id="started-by">alice<' in page, "job.json and the run's page: started by alice")
    m = re.search(r'<pre id="run-policy">(.*?)</pre>', page, re.S)
    check(m is not None and "quota_share = 0.15" in m.group(1),
          "the run's page shows the policy.ini it read")
    pp = a.get("/w/%s/runs/%s" % (ws, pub)).body.decode()
    check('href="/w/%s/runs/%s"' % (ws, plan) in pp, "the publish run's page links its plan run")
    hist = a.get("/w/" + ws).body.decode()
    check(hist.count("<td>alice</td>") >= 4, "the history lists who started each run")

    print("== an edited list of a plan run", flush=True)

    def send_list(client, run_id, data, csrf=True):
        bd = uuid.uuid4().hex
        body = b""
        if csrf:
            body += b'--%s\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n%s\r\n' % (
                bd.encode(), client.csrf.encode())
        body += (b'--%s\r\nContent-Disposition: form-data; name="file"; filename="r.csv"\r\n'
                 b'Content-Type: text/csv\r\n\r\n' % bd.encode()) + data + \
            b"\r\n--%s--\r\n" % bd.encode()
        return client.request("POST", "/w/%s/runs/%s/edited" % (ws, run_id), body=body,
                              headers={"Content-Type": "multipart/form-data; boundary=" + bd})

    lst = a.get("/w/%s/runs/%s/files/rotation_list.csv" % (ws, plan)).body
    rows = lst.decode("gb18030").splitlines()  # the outputs keep the rosters' encoding
    check(len(rows) > 10, "the plan's rotation_list.csv downloads (%d rows)" % len(rows))
    r = send_list(a, plan, lst, csrf=False)
    check(r.status == 403, "an edited list without CSRF: 403")
    r = send_list(a, run, lst)
    check(r.status == 409, "an edited list for a comparison run: 409 (got %d)" % r.status)
    r = send_list(a, plan, b"PK\x03\x04 a workbook")
    check(r.status == 400, "a workbook instead of the CSV: 400")
    r = send_list(a, plan, lst)
    m = re.match(r"/w/[0-9a-f]{16}/runs/([0-9a-f]{16})$", r.headers.get("Location") or "")
    rep = m.group(1) if r.status == 303 and m else None
    st = a.wait(ws, rep) if rep else {"status": "not started"}
    rrec = json.loads(read(os.path.join(wsdir, "runs", rep, "job.json"))) if rep else {}
    check(st["status"] == "done" and rrec.get("args", [""])[0] == "report" and
          all(n in rrec.get("outputs", []) for n in ("rotation_list.csv", "plan.xlsx",
                                                     "report.html", "summary.json")),
          "the list unchanged: report done, the plan's files rebuilt in a new run")
    check([i["file"] for i in rrec.get("inputs", []) if i["role"] == "edited_list"] ==
          ["plan/rotation_list.csv"], "job.json: the edited list's SHA-256")
    broken = (rows[0] + "\n").encode("gb18030")  # every move removed: the quota breaks
    r = send_list(a, plan, broken)
    m = re.match(r"/w/[0-9a-f]{16}/runs/([0-9a-f]{16})$", r.headers.get("Location") or "")
    rep2 = m.group(1) if r.status == 303 and m else None
    st = a.wait(ws, rep2) if rep2 else {"status": "not started"}
    page = a.get("/w/%s/runs/%s" % (ws, rep2)).body.decode() if rep2 else ""
    check(st["status"] == "failed" and st.get("exit_code") == 4 and 'id="stderr"' in page and
          not st.get("outputs"),
          "a list with every move removed: exit 4, the broken rules on the page, no file")
    check(tree(plan_dir) == plan_tree, "the plan run's folder still unchanged")
    check(not [f for f in os.listdir(os.path.join(wsdir, "inputs")) if f.startswith(".")],
          "no temporary upload left")

    print("== the appeal round of a plan run", flush=True)
    r = post(a, "/w/%s/runs/%s/appeal" % (ws, plan), {})
    check(r.status == 409, "an appeal round before appeals.csv is uploaded: 409 (got %d)" % r.status)
    head = rows[0].split(",")
    tid = rows[1].split(",")[head.index("工号")] if "工号" in head else None
    r = a.upload(ws, "appeals", ("工号,操作,学校代码\n%s,留任,\n" % tid).encode("utf-8"))
    check(tid is not None and r.status == 303, "appeals.csv uploaded: %s asks to stay" % tid)
    r = post(a, "/w/%s/runs/%s/appeal" % (ws, run), {})
    check(r.status == 409, "an appeal round of a comparison run: 409")
    r = post(a, "/w/%s/runs/%s/appeal" % (ws, plan), {})
    m = re.match(r"/w/[0-9a-f]{16}/runs/([0-9a-f]{16})$", r.headers.get("Location") or "")
    ap = m.group(1) if r.status == 303 and m else None
    st = a.wait(ws, ap) if ap else {"status": "not started"}
    arec = json.loads(read(os.path.join(wsdir, "runs", ap, "job.json"))) if ap else {}
    args = arec.get("args", [])
    check(st["status"] == "done" and args[:1] == ["plan"] and "--previous" in args and
          "--appeals" in args and args[args.index("--previous") + 1] == "plan",
          "the appeal round: plan --previous plan --appeals appeals.csv, done (%s)" % st["status"])
    check([i["role"] for i in arec.get("inputs", [])][-1:] == ["appeals"] and
          [i for i in arec.get("inputs", []) if i["role"] != "appeals"] == prec["inputs"],
          "its inputs: the plan run's, and the workspace's appeals.csv, with their hashes")
    new_list = a.get("/w/%s/runs/%s/files/rotation_list.csv" % (ws, ap)).body.decode("gb18030")
    check(tid not in new_list and tid in lst.decode("gb18030"),
          "the appellant stays: %s no longer on the list" % tid)
    appeals_table(a, ws, ap, tid)
    check(tree(plan_dir) == plan_tree, "the plan run's folder still unchanged")

    print("== the new routes: 401, 403, 404, bad names", flush=True)
    routes = [("GET", "/w/%s/policy" % ws), ("POST", "/w/%s/policy" % ws),
              ("POST", "/w/%s/scenarios" % ws), ("POST", "/w/%s/scenarios/s01.ini/delete" % ws),
              ("POST", "/w/%s/owners" % ws), ("POST", "/w/%s/runs/%s/publish" % (ws, plan)),
              ("POST", "/w/%s/runs/%s/edited" % (ws, plan)),
              ("POST", "/w/%s/runs/%s/appeal" % (ws, plan))]
    snap = tree(s.data)
    for m, p in routes:
        r = anon.get(p) if m == "GET" else post(anon, p, {"name": "x"}, csrf=False)
        check(r.status == 401, "no session: %s %s: 401 (got %d)" % (m, p.replace(ws, "<ws>"), r.status))
        r = b.get(p) if m == "GET" else post(b, p, {"name": "x", "quota_share": "0.5",
                                                     "user": "bob"})
        check(r.status == 404, "bob: %s %s: 404 (got %d)" % (m, p.replace(ws, "<ws>"), r.status))
        if m == "POST":
            r = post(a, p, {"name": "y", "quota_share": "0.5", "csrf": "0" * 64})
            check(r.status == 403, "a wrong CSRF token: %s: 403" % p.replace(ws, "<ws>"))
    wrong = []
    for bad in ["..", "..%2f..%2fworkspace.json", "%2e%2e", "s01.ini%00", "s1.ini", "s01.ini/..",
                "..%2fruns", "workspace.json", "x" * 300, "S01.ini", "s01.ini%2f"]:
        r = post(a, "/w/%s/scenarios/%s/delete" % (ws, bad), {})
        if r.status not in (400, 404):
            wrong.append("%s -> %d" % (bad, r.status))
    for bad in ["..", ws + "%00", "%2e%2e", ws.upper()]:
        r = post(a, "/w/%s/runs/%s/publish" % (ws, bad), {})
        if r.status not in (400, 404):
            wrong.append("publish %s -> %d" % (bad, r.status))
        r = send_list(a, bad, b"x\n")
        if r.status not in (400, 404):
            wrong.append("edited %s -> %d" % (bad, r.status))
        for p in ("/w/%s/policy" % bad, "/w/%s/scenarios" % bad):
            r = a.get(p) if p.endswith("policy") else post(a, p, {"name": "z"})
            if r.status not in (400, 404):
                wrong.append("%s -> %d" % (p, r.status))
    check(not wrong, "bad names in the new routes: 404 or 400 %s" % wrong[:5])
    after = tree(s.data)
    check(all(after.get(p) == v for p, v in snap.items()), "no file changed by them")
    check(not [p for p in after if p not in snap], "no file made by them")

    print("== sharing a workspace", flush=True)
    cl = Client(s)
    cl.form("/login", {"user": "carol", "password": "singer-333"}, csrf=False)
    cl.read_csrf()
    wsj = os.path.join(wsdir, "workspace.json")
    before = read(wsj)
    for who, what in (("nobody", "an unknown account"), ("", "no name"), ("../bob", "a path")):
        r = post(a, "/w/%s/owners" % ws, {"user": who})
        check(r.status == 400 and read(wsj) == before, "sharing with %s: 400" % what)
    r = post(a, "/w/%s/owners" % ws, {"user": "bob"}, csrf=False)
    check(r.status == 403 and read(wsj) == before, "sharing without CSRF: 403")
    r = post(a, "/w/%s/owners" % ws, {"user": "bob"})
    check(r.status == 303 and json.loads(read(wsj))["owners"] == ["alice", "bob"],
          "alice adds bob as owner")
    post(a, "/w/%s/owners" % ws, {"user": "bob"})
    check(json.loads(read(wsj))["owners"] == ["alice", "bob"], "adding him again changes nothing")
    check(b.get("/w/" + ws).status == 200 and b.get("/w/%s/policy" % ws).status == 200 and
          b.get("/w/%s/runs/%s/files/comparison.json" % (ws, run)).status == 200 and
          ws in b.get("/api/workspaces").body.decode(),
          "bob now sees the workspace, its policy and its runs")
    brun = b.run(ws, "audit")
    b.wait(ws, brun)
    check(json.loads(read(os.path.join(wsdir, "runs", brun, "job.json"))).get("user") == "bob",
          "bob's audit is recorded as his")
    for p in ("/w/" + ws, "/w/%s/policy" % ws, "/w/%s/runs/%s" % (ws, run)):
        check(cl.get(p).status == 404, "carol: GET %s still 404" % p.replace(ws, "<ws>"))
    r = post(cl, "/w/%s/owners" % ws, {"user": "carol"})
    check(r.status == 404 and json.loads(read(wsj))["owners"] == ["alice", "bob"],
          "carol cannot add herself: 404")
    check(s.stop() == 0, "a clean stop")
    no_personal_data(os.path.join(WORK, "ws.log"), zh)


def no_personal_data(log, zh):
    """After a whole day (uploads, plans, publishing, an appeal round, a
    comparison, downloads): the server's log names no teacher and no
    school, and holds no identity number or birth year of the rosters."""
    import csv
    import io
    text = read(log).decode("utf-8", "replace")
    rows = list(csv.reader(io.StringIO(read(os.path.join(zh, "教师.csv")).decode("gb18030"))))
    names = {r[rows[0].index("姓名")] for r in rows[1:]}
    srows = list(csv.reader(io.StringIO(read(os.path.join(zh, "学校.csv")).decode("gb18030"))))
    schools = {r[srows[0].index("学校名称")] for r in srows[1:]}
    found = sorted(n for n in names | schools if n and n in text)
    lines = text.count("\n")
    check(lines > 100 and not found, "the server's log (%d lines) names no teacher or school %s"
          % (lines, found[:3]))


shutil.rmtree(WORK, ignore_errors=True)
os.makedirs(WORK)
{"security": security, "jobs": jobs, "workspace": workspace}[MODE]()
sys.exit(summary("web " + MODE))
