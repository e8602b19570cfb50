"""What the web tests share (tests/web_check.py, tests/web_browser.py): the
count of failed checks, and a `rotaplan serve` started for a test."""
import os
import re
import signal
import subprocess

failures = 0


def check(cond, what):
    global failures
    print(("   passed: " if cond else "   FAILED: ") + what, flush=True)
    if not cond:
        failures += 1
    return cond


def summary(name):
    """Prints the outcome; the exit status."""
    print("%s: %s" % (name, "all passed" if not failures else "%d FAILED" % failures))
    return 1 if failures else 0


class Server:
    """A `rotaplan serve` of its own; .base is http://127.0.0.1:PORT."""

    def __init__(self, bin, work, name, *extra, users=None):
        self.data = os.path.join(work, name + "-data")
        self.log = open(os.path.join(work, name + ".log"), "w")
        args = [bin, "serve", "--data", self.data, *extra]
        if "--listen" not in extra:
            args += ["--listen", "127.0.0.1:0"]
        if users:
            args += ["--users", users]
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=self.log, text=True)
        line = self.proc.stdout.readline()
        m = re.search(r"(https?://[0-9.]+:(\d+))/(\?token=([0-9a-f]+))?", line)
        if not m:
            raise RuntimeError("no address printed: %r" % line)
        self.base, self.port, self.token = m.group(1), int(m.group(2)), m.group(4)
        self.proc.stdout.readline()

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            rc = self.proc.wait(60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rc = "killed after 60 s"
        self.log.close()
        return rc
