#!/usr/bin/python3
"""Opens an HTML report in headless Chromium (through Debian's chromedriver,
WebDriver over HTTP, standard library only) and checks that it is a
self-contained page that renders:

  - it loads, with no console errors (SEVERE entries of the browser log);
  - nothing is fetched: performance.getEntriesByType('resource') is empty,
    and no src/href attribute or CSS url() points at http(s) or //host;
  - it has at least --min-svg <svg> elements (default 1);
  - a full-page screenshot (capped at 1400 x 12000) is written as PNG.

  browser_check.py REPORT.html --screenshot OUT.png [--min-svg N] [--clip SELECTOR]
                   [--print] [--width PX] [--require SELECTOR ...]

--require SELECTOR (repeatable): the page must have an element that
matches it, with text (a multi-year report: each year's section).

--print renders the page as printed (CSS media print, through CDP's
Emulation.setEmulatedMedia; the check fails when it cannot be set) and
--width sets the window's width (794 is an A4 page at 96 dpi): the
published pages of `rotaplan publish` are checked so.

Exit 0 when every check passes, 1 when one fails, 2 when the browser cannot
be driven.  The whole run is bounded by a 55 s alarm; the session is always
closed and chromedriver ended."""
import argparse
import base64
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

CHROMEDRIVER = "/usr/bin/chromedriver"
CHROMIUM = "/usr/bin/chromium"
CHROME_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--disable-dev-shm-usage"]
MAX_W, MAX_H = 1400, 12000
DEADLINE = 55

# Installed before the page's own code runs (CDP), in case the WebDriver log
# endpoint is missing: collects console.error calls and uncaught errors.
HOOK = """window.__rp_errors = [];
(function () {
  var orig = console.error;
  console.error = function () {
    window.__rp_errors.push(Array.prototype.join.call(arguments, ' '));
    return orig.apply(console, arguments);
  };
  window.addEventListener('error', function (e) {
    window.__rp_errors.push('uncaught: ' + (e.message || (e.target && e.target.outerHTML)));
  }, true);
})();"""

PROBE = r"""
var ext = /^\s*(https?:)?\/\//i, found = [];
document.querySelectorAll('*').forEach(function (el) {
  for (var i = 0; i < el.attributes.length; i++) {
    var a = el.attributes[i];
    if (/^(src|href|srcset|data|action|poster|background)$/i.test(a.localName) && ext.test(a.value))
      found.push(el.tagName.toLowerCase() + ' ' + a.name + '="' + a.value + '"');
    if (a.localName === 'style' && /url\(\s*['"]?\s*(https?:)?\/\//i.test(a.value))
      found.push(el.tagName.toLowerCase() + ' style url(' + a.value + ')');
  }
});
document.querySelectorAll('style').forEach(function (s) {
  if (/url\(\s*['"]?\s*(https?:)?\/\/|@import/i.test(s.textContent))
    found.push('<style> with url(//...) or @import');
});
var d = document.documentElement, b = document.body || d;
return {
  ready: document.readyState,
  title: document.title,
  resources: performance.getEntriesByType('resource').map(function (e) { return e.name; }),
  external: found,
  svg: document.getElementsByTagName('svg').length,
  scripts: document.getElementsByTagName('script').length,
  width: Math.max(d.scrollWidth, b.scrollWidth),
  height: Math.max(d.scrollHeight, b.scrollHeight),
  hooked: window.__rp_errors || null
};"""


class DriverError(Exception):
    pass


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Driver:
    def __init__(self, port):
        self.base = f"http://127.0.0.1:{port}"
        self.sid = None

    def call(self, method, path, body=None, timeout=30, missing_ok=False):
        url = self.base + (f"/session/{self.sid}" if self.sid and path != "/session" else "") + path
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(url, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                return json.loads(r.read() or b"{}").get("value")
        except urllib.error.HTTPError as e:
            detail = e.read().decode(errors="replace")[:300]
            if missing_ok and e.code in (404, 405):
                return None
            if missing_ok and "unknown command" in detail:
                return None
            raise DriverError(f"{method} {path}: HTTP {e.code}: {detail}") from None

    def cdp(self, cmd, params, missing_ok=True):
        return self.call("POST", "/goog/cdp/execute", {"cmd": cmd, "params": params},
                         missing_ok=missing_ok)


def wait_ready(port, proc, seconds=15):
    end = time.time() + seconds
    while time.time() < end:
        if proc.poll() is not None:
            raise DriverError(f"chromedriver exited ({proc.returncode})")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/status", timeout=2) as r:
                if json.loads(r.read())["value"].get("ready"):
                    return
        except (OSError, ValueError, KeyError):
            pass
        time.sleep(0.1)
    raise DriverError("chromedriver did not become ready")


def run(args, tmp):
    failures = []
    port = free_port()
    log = open(os.path.join(tmp, "chromedriver.log"), "w")
    proc = subprocess.Popen([CHROMEDRIVER, f"--port={port}"], stdout=log, stderr=log,
                            start_new_session=True)
    drv = Driver(port)
    try:
        wait_ready(port, proc)
        opts = {"binary": CHROMIUM,
                "args": CHROME_ARGS + [f"--user-data-dir={os.path.join(tmp, 'profile')}",
                                       f"--window-size={MAX_W},900"]}
        caps = {"capabilities": {"alwaysMatch": {
            "browserName": "chrome", "goog:chromeOptions": opts,
            "goog:loggingPrefs": {"browser": "ALL"},
            "timeouts": {"pageLoad": 20000, "script": 10000, "implicit": 0}}}}
        drv.sid = drv.call("POST", "/session", caps, timeout=40)["sessionId"]
        hooked = drv.cdp("Page.addScriptToEvaluateOnNewDocument", {"source": HOOK}) is not None

        if args.width:  # the layout's width, kept by the full-page capture too
            drv.cdp("Emulation.setDeviceMetricsOverride",
                    {"width": args.width, "height": 900, "deviceScaleFactor": 1, "mobile": False})
            # No scrollbar: the full-page capture lays the page out without
            # one, so the page must be measured without one too.
            drv.cdp("Emulation.setScrollbarsHidden", {"hidden": True})
        if args.print:
            media = drv.cdp("Emulation.setEmulatedMedia", {"media": "print"})
            print(f"media    print ({'set' if media is not None else 'NOT set'})")
            if media is None:
                failures.append("print media could not be emulated")
        url = "file://" + os.path.abspath(args.html)
        drv.call("POST", "/url", {"url": url})
        page = drv.call("POST", "/execute/sync", {"script": PROBE, "args": []})
        print(f"loaded   {url} (title {page['title']!r}, readyState {page['ready']})")
        if page["ready"] != "complete":
            failures.append(f"page not loaded (readyState {page['ready']})")

        # Console errors: the browser log, else what the hook collected.
        entries = drv.call("POST", "/se/log", {"type": "browser"}, missing_ok=True)
        if entries is not None:
            errors = [e["message"] for e in entries if e.get("level") == "SEVERE"]
            how = f"browser log, {len(entries)} entries"
        elif hooked:
            errors = page["hooked"] or []
            how = "no log endpoint; console.error/onerror hook"
        else:
            errors = page["hooked"] or []
            how = "no log endpoint and no CDP: console errors NOT checked"
            failures.append("console errors could not be checked")
        print(f"console  {len(errors)} errors ({how})")
        for e in errors:
            print(f"         {e}")
        if errors:
            failures.append(f"{len(errors)} console errors")

        print(f"network  {len(page['resources'])} resources fetched, "
              f"{len(page['external'])} external URLs in the page")
        for r in page["resources"] + page["external"]:
            print(f"         {r}")
        if page["resources"] or page["external"]:
            failures.append("the page is not self-contained")

        print(f"svg      {page['svg']} <svg> elements (at least {args.min_svg}); "
              f"{page['scripts']} <script> elements")
        if page["svg"] < args.min_svg:
            failures.append(f"{page['svg']} <svg> elements, expected at least {args.min_svg}")

        for sel in args.require:  # elements the page must have (a multi-year report's years)
            found = drv.call("POST", "/execute/sync", {
                "script": "var e = document.querySelector(arguments[0]);"
                          "return e ? e.textContent.length : -1;",
                "args": [sel]})
            print(f"require  {sel}: {'missing' if found < 0 else f'{found} characters of text'}")
            if found <= 0:
                failures.append(f"no element (or an empty one) matches {sel}")

        x, y = 0, 0
        w, h = min(max(page["width"], 1), args.width or MAX_W), min(max(page["height"], 1), MAX_H)
        if args.clip:  # one element only (the pictures of the user guides)
            x, y, w, h = drv.call("POST", "/execute/sync", {
                "script": "var r = document.querySelector(arguments[0]).getBoundingClientRect();"
                          "return [r.left + scrollX, r.top + scrollY, r.width, r.height];",
                "args": [args.clip]})
        shot = drv.cdp("Page.captureScreenshot",
                       {"format": "png", "captureBeyondViewport": True,
                        "clip": {"x": x, "y": y, "width": w, "height": h, "scale": 1}})
        how = "CDP captureBeyondViewport"
        if shot is None:
            # The window is larger than its viewport: resize, measure, resize.
            drv.call("POST", "/window/rect", {"width": w, "height": h})
            vw, vh = drv.call("POST", "/execute/sync",
                              {"script": "return [innerWidth, innerHeight];", "args": []})
            drv.call("POST", "/window/rect", {"width": 2 * w - vw, "height": 2 * h - vh})
            png = base64.b64decode(drv.call("GET", "/screenshot"))
            how = "window resized"
        else:
            png = base64.b64decode(shot["data"])
        if not png.startswith(b"\x89PNG\r\n\x1a\n"):
            failures.append("the screenshot is not a PNG")
        os.makedirs(os.path.dirname(os.path.abspath(args.screenshot)), exist_ok=True)
        with open(args.screenshot, "wb") as f:
            f.write(png)
        print(f"shot     {os.path.abspath(args.screenshot)} ({w} x {h}, {len(png)} bytes, {how})")
    finally:
        if drv.sid:
            try:
                drv.call("DELETE", "", timeout=15)
            except (DriverError, OSError):
                pass
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=5)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait()
        log.close()
    return failures


def on_alarm(signum, frame):
    raise DriverError(f"gave up after {DEADLINE} s")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("html")
    ap.add_argument("--screenshot", required=True, help="PNG to write")
    ap.add_argument("--min-svg", type=int, default=1)
    ap.add_argument("--clip", help="CSS selector: the screenshot shows only this element")
    ap.add_argument("--require", action="append", default=[],
                    help="CSS selector of an element the page must have, with text (repeatable)")
    ap.add_argument("--print", action="store_true", help="render as printed (CSS media print)")
    ap.add_argument("--width", type=int, default=0, help="window width in pixels")
    args = ap.parse_args()
    if not os.path.isfile(args.html):
        print(f"browser_check: {args.html}: no such file", file=sys.stderr)
        return 2
    signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(DEADLINE)
    tmp = tempfile.mkdtemp(prefix="rp_browser_")
    try:
        failures = run(args, tmp)
    except (DriverError, OSError, KeyError, TypeError) as e:
        print(f"browser_check: {args.html}: cannot drive the browser: {e}", file=sys.stderr)
        return 2
    finally:
        signal.alarm(0)
        shutil.rmtree(tmp, ignore_errors=True)
    if failures:
        print(f"FAIL {args.html}: " + "; ".join(failures), file=sys.stderr)
        return 1
    print(f"browser_check: {args.html}: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
