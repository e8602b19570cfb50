#!/usr/bin/python3
"""The web workspace in headless Chromium (Debian's chromium-driver through
python3-selenium), as a planner uses it: open the printed link, create a
workspace, upload the demo county's rosters with the file input, run an
audit and a plan, watch the progress page (static/app.js) turn into the
run's files, open the report.  Checks that the pages load no outside
resource and that the browser reports no error (a Content-Security-Policy
violation would be one).  Screenshots in SHOTS/web_*.png.

    web_browser.py ROTAPLAN SRC WORK SHOTS"""
import json
import os
import re
import shutil
import subprocess
import sys
import time
from urllib.parse import unquote

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from web_common import Server, check, summary

BIN, SRC, WORK, SHOTS = sys.argv[1:5]
WORK = os.path.join(WORK, "browser")
DEMO = os.path.join(SRC, "scenarios", "demo", "county")

def errors(d):
    """SEVERE browser log entries (console errors, CSP violations, 404s)."""
    try:
        return [e["message"] for e in d.get_log("browser") if e["level"] == "SEVERE"]
    except Exception:  # a driver without the log endpoint
        return []


def until(cond, timeout=300):
    """Waits for cond(d), a page that reloads meanwhile being no failure."""
    t = time.time()
    while time.time() - t < timeout:
        try:
            if cond(d):
                return True
        except Exception:
            pass
        time.sleep(0.3)
    return False


def upload(role, path):
    """One roster or setting by the workspace page's file input."""
    Select(d.find_element(By.NAME, "role")).select_by_value(role)
    d.find_element(By.NAME, "file").send_keys(path)
    d.find_element(By.CSS_SELECTOR, "form[enctype] button").click()
    stored = role + os.path.splitext(path)[1] if role in ("schools", "teachers") else \
        os.path.basename(path)
    until(lambda d: stored in d.find_element(By.ID, "inputs").text)


def workbook(csv_path):
    """A roster as Excel saves it (openpyxl), in WORK."""
    import csv
    import io
    import openpyxl
    wb = openpyxl.Workbook()
    with open(csv_path, "rb") as f:
        for row in csv.reader(io.StringIO(f.read().decode("gb18030"))):
            wb.active.append(row)
    out = os.path.join(WORK, os.path.basename(csv_path).replace(".csv", ".xlsx"))
    wb.save(out)
    return out


def quota_15(shot, what):
    """From a workspace's page: the policy form, quota_share 0.15, saved."""
    d.find_element(By.ID, "policy-link").click()
    until(lambda d: d.find_elements(By.ID, "policy-form"))
    q = d.find_element(By.ID, "k_quota_share")
    q.clear()
    q.send_keys("0.15")
    d.find_element(By.ID, "k_quota_share").location_once_scrolled_into_view
    d.save_screenshot(os.path.join(SHOTS, shot))
    d.find_element(By.ID, "policy-save").click()
    until(lambda d: d.find_elements(By.ID, "policy-download"))
    check(d.find_element(By.ID, "k_quota_share").get_attribute("value") == "0.15", what)


def add_scenarios(names):
    """Three scenarios by the form: quota 20%, backbone 30%, 5 years."""
    for name, key, v in zip(names, ("quota_share", "backbone_share", "min_years"),
                            ("0.2", "0.3", "5")):
        d.find_element(By.ID, "scenario-name").send_keys(name)
        d.find_element(By.ID, "sc_" + key).send_keys(v)
        d.find_element(By.ID, "scenario-add").click()
        until(lambda d: name in d.find_element(By.ID, "scenarios").text)


def scenario_links(names, click, shot):
    """On a comparison's report: a link to each scenario's own report;
    clicking one (a sandboxed page following its relative link, with the
    session's cookie) opens that report."""
    links = d.find_elements(By.CSS_SELECTOR, "a[href$='/report.html']")
    check([a.text for a in links] == names, "the comparison links each scenario's report %s"
          % [a.text for a in links])
    [a for a in links if a.text == click][0].click()
    check(until(lambda d: len(d.find_elements(By.TAG_NAME, "svg")) >= 4 and
                unquote(d.current_url).endswith("/view/%s/report.html" % click), 60),
          "clicking %s opens its report: %s" % (click, unquote(d.current_url).split("/view/")[-1]))
    d.save_screenshot(os.path.join(SHOTS, shot))


def outside(d):
    return d.execute_script(
        "return performance.getEntriesByType('resource').map(function(e){return e.name;})"
        ".filter(function(n){return n.indexOf(location.origin) !== 0;});")


shutil.rmtree(WORK, ignore_errors=True)
os.makedirs(WORK)
os.makedirs(SHOTS, exist_ok=True)
srv = Server(BIN, WORK, "server")
base, link = srv.base, srv.base + "/?token=" + srv.token
opts = webdriver.ChromeOptions()
opts.binary_location = "/usr/bin/chromium"
for a in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
          "--window-size=1200,1000", "--lang=zh-CN"):
    opts.add_argument(a)
opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
d = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
try:
    print("== the link, a workspace, the rosters", flush=True)
    d.get(base + "/")
    check("访问令牌" in d.page_source, "without the link: the page asks for it")
    errors(d)  # that 401 was meant
    d.get(link)
    check(d.current_url == base + "/" and "工作区" in d.title, "the link opens the list")
    d.find_element(By.NAME, "name").send_keys("演示县")
    d.find_element(By.CSS_SELECTOR, "form[action='/workspaces'] button").click()
    until(lambda d: "/w/" in d.current_url)
    check("演示县" in d.page_source, "the workspace's page")
    for role, f in (("schools", "schools.csv"), ("teachers", "teachers.csv"),
                    ("policy", "policy.ini")):
        Select(d.find_element(By.NAME, "role")).select_by_value(role)
        d.find_element(By.NAME, "file").send_keys(os.path.join(DEMO, f))
        d.find_element(By.CSS_SELECTOR, "form[enctype] button").click()
        until(lambda d: f in d.find_element(By.ID, "inputs").text)
    check(all(f in d.find_element(By.ID, "inputs").text
              for f in ("schools.csv", "teachers.csv", "policy.ini")), "three files uploaded")
    d.save_screenshot(os.path.join(SHOTS, "web_workspace.png"))
    ws_url = d.current_url

    print("== audit and plan", flush=True)
    d.find_element(By.XPATH, "//button[text()='现状审核']").click()
    until(lambda d: d.find_elements(By.ID, "files"))
    check("S001" in d.find_element(By.ID, "stdout").text, "the audit's table")
    d.get(ws_url)
    d.find_element(By.XPATH, "//button[text()='编制交流方案']").click()
    check(until(lambda d: d.find_elements(By.ID, "progress") or d.find_elements(By.ID, "files"),
                30),  # the click's page may not be loaded yet
          "the plan's page: progress, or already its files")
    until(lambda d: d.find_elements(By.ID, "files"))  # app.js reloads when it ends
    files = d.find_element(By.ID, "files").text
    check("rotation_list.csv" in files and "plan.xlsx" in files, "the plan's files listed")
    check(d.find_element(By.ID, "status").get_attribute("data-status") == "done", "status done")
    d.save_screenshot(os.path.join(SHOTS, "web_run.png"))
    en_plan_url = d.current_url  # the English demo's plan: published in English below
    errs = errors(d)
    check(not errs, "no browser error on the pages %s" % errs[:3])
    check(not outside(d), "nothing loaded from outside")
    d.find_element(By.PARTIAL_LINK_TEXT, "查看报告").click()
    until(lambda d: d.find_elements(By.TAG_NAME, "svg"))
    check(len(d.find_elements(By.TAG_NAME, "svg")) >= 4, "the report shows its charts")
    d.save_screenshot(os.path.join(SHOTS, "web_report.png"))
    d.get(ws_url + "?lang=en")
    check("Rosters and settings" in d.page_source, "English on ?lang=en")
    check(len(d.find_element(By.ID, "runs").find_elements(By.TAG_NAME, "tr")) == 3,
          "history: two runs")

    print("== the planner's day on the Chinese demo county", flush=True)
    zh = os.path.join(SRC, "scenarios", "demo", "county-zh")
    d.get(base + "/?lang=zh")
    d.find_element(By.NAME, "name").send_keys("示范县")
    d.find_element(By.CSS_SELECTOR, "form[action='/workspaces'] button").click()
    until(lambda d: "/w/" in d.current_url)
    zh_url = d.current_url.split("?")[0]
    broken = os.path.join(SRC, "scenarios", "demo", "broken-zh", "教师.csv")
    for role, f in (("schools", os.path.join(zh, "学校.csv")), ("teachers", broken),
                    ("policy", os.path.join(zh, "policy.ini"))):
        upload(role, f)
    d.find_element(By.XPATH, "//button[text()='现状审核']").click()
    until(lambda d: d.find_elements(By.ID, "files"))
    check(d.find_element(By.ID, "status").get_attribute("data-status") == "failed" and
          "teachers.csv:3: 列\"出生年份\"" in d.find_element(By.ID, "stderr").text,
          "a roster with errors: the audit lists them by file, row and column, in Chinese")
    d.find_element(By.ID, "stderr").location_once_scrolled_into_view
    d.save_screenshot(os.path.join(SHOTS, "web_audit_errors.png"))
    d.get(zh_url)
    for role, f in (("schools", "学校.csv"), ("teachers", "教师.csv")):  # fixed, saved in Excel
        upload(role, workbook(os.path.join(zh, f)))
    check("schools.xlsx" in d.find_element(By.ID, "inputs").text and
          "teachers.xlsx" in d.find_element(By.ID, "inputs").text,
          "the fixed rosters uploaded as Excel workbooks (.xlsx)")
    d.find_element(By.XPATH, "//button[text()='现状审核']").click()
    until(lambda d: d.find_elements(By.ID, "files"))
    check(d.find_element(By.ID, "status").get_attribute("data-status") == "done" and
          "S001" in d.find_element(By.ID, "stdout").text,
          "the Chinese county's audit of the workbooks: done, its table")
    d.get(zh_url)
    quota_15("web_policy.png", "the policy form saved quota 15%")
    d.get(zh_url)
    d.find_element(By.XPATH, "//button[text()='编制交流方案']").click()
    until(lambda d: d.find_elements(By.ID, "files"))
    check(d.find_element(By.ID, "status").get_attribute("data-status") == "done",
          "the plan at 15%: done")
    args = " ".join(json.loads(d.execute_script(
        "var x = new XMLHttpRequest(); x.open('GET', '/api' + location.pathname, false);"
        "x.send(); return x.responseText;"))["args"])
    check("--policy policy.ini" in args, "the plan read the saved policy.ini")
    plan_url = d.current_url
    d.find_element(By.PARTIAL_LINK_TEXT, "查看报告").click()
    check(until(lambda d: d.find_elements(By.TAG_NAME, "svg"), 60), "the plan's report opens")
    d.get(plan_url)
    # after the principals' meeting: the list, edited in Excel, checked and rebuilt
    plan_dir = os.path.join(srv.data, "workspaces", zh_url.rsplit("/", 1)[1], "runs",
                            plan_url.rsplit("/", 1)[1], "out")
    d.find_element(By.CSS_SELECTOR, "#edited-form input[type=file]").send_keys(
        os.path.join(plan_dir, "rotation_list.csv"))
    d.find_element(By.ID, "edited").click()
    until(lambda d: re.search(r"/runs/[0-9a-f]{16}$", d.current_url) and
          d.current_url != plan_url and d.find_elements(By.ID, "files"))
    check(d.find_element(By.ID, "status").get_attribute("data-status") == "done" and
          "report.html" in d.find_element(By.ID, "files").text,
          "the edited list checked and the outputs rebuilt (a new run): %s" %
          d.find_element(By.ID, "status").get_attribute("data-status"))
    d.get(plan_url)
    d.find_element(By.NAME, "contact").send_keys("县教育局人事股 0000-1234567")
    d.find_element(By.ID, "publish").click()
    # the publish run's own page, not the plan's (whose #files is there at once)
    until(lambda d: re.search(r"/runs/[0-9a-f]{16}$", d.current_url) and
          d.current_url != plan_url and d.find_elements(By.ID, "files"))
    check(d.find_element(By.ID, "status").get_attribute("data-status") == "done" and
          "public_list.csv" in d.find_element(By.ID, "files").text,
          "published: the 公示 list among the files")
    d.find_element(By.PARTIAL_LINK_TEXT, "notices.html").click()
    check(until(lambda d: "0000-1234567" in d.page_source, 30), "a notice opens, with the contact")
    d.save_screenshot(os.path.join(SHOTS, "web_notice.png"))
    d.get(zh_url)
    add_scenarios(("比例20", "骨干30", "满5年"))
    check(len(d.find_elements(By.CSS_SELECTOR, "#scenarios > li")) == 3, "three scenarios listed")
    d.find_element(By.ID, "scenarios").location_once_scrolled_into_view
    d.save_screenshot(os.path.join(SHOTS, "web_scenarios.png"))
    d.find_element(By.XPATH, "//button[text()='方案比较（全部情景）']").click()
    until(lambda d: d.find_elements(By.ID, "files"))
    files = d.find_element(By.ID, "files").text
    check(d.find_element(By.ID, "status").get_attribute("data-status") == "done" and
          "comparison.xlsx" in files and "comparison.html" in files,
          "the comparison: done, its workbook and report listed")
    d.find_element(By.ID, "files").location_once_scrolled_into_view
    check(len(d.find_elements(By.CSS_SELECTOR, "#files li.folder")) == 4,
          "the run's page: a line for each scenario's own files")
    d.save_screenshot(os.path.join(SHOTS, "web_compare.png"))
    href = d.find_element(By.PARTIAL_LINK_TEXT, "comparison.xlsx").get_attribute("href")
    import http.client, openpyxl
    from urllib.parse import urlparse
    u = urlparse(href)
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
    c.request("GET", u.path, headers={"Cookie": "rp_session=" + d.get_cookie("rp_session")["value"]})
    xr = c.getresponse()
    xp = os.path.join(WORK, "comparison.xlsx")
    with open(xp, "wb") as f:
        f.write(xr.read())
    cells = " ".join(str(x.value) for sh in openpyxl.load_workbook(xp).worksheets
                     for row in sh.iter_rows() for x in row if x.value is not None)
    check(xr.status == 200 and all(n in cells for n in ("当前政策", "比例20", "骨干30", "满5年")),
          "the workbook downloads and reads back with openpyxl: the four scenarios")
    d.find_element(By.PARTIAL_LINK_TEXT, "查看报告").click()
    check(until(lambda d: d.find_elements(By.TAG_NAME, "svg"), 60), "the comparison's report opens")
    d.save_screenshot(os.path.join(SHOTS, "web_compare_report.png"))
    compare_url = d.current_url
    scenario_links(["当前政策", "比例20", "骨干30", "满5年"], "比例20", "web_compare_scenario.png")
    d.get(compare_url)
    errs = errors(d)
    check(not errs, "no browser error on the day's pages %s" % errs[:3])
    check(not outside(d), "nothing loaded from outside")

    print("== the same day in English (the English guide's pictures)", flush=True)
    d.get(ws_url.split("?")[0] + "?lang=en")  # the English demo county's workspace
    quota_15("web_policy.en.png", "saved quota 15% from the English page")
    check("Share that rotates, at least" in d.page_source, "the policy form in English")
    d.get(ws_url.split("?")[0])
    add_scenarios(("quota20", "backbone30", "min5years"))
    check(len(d.find_elements(By.CSS_SELECTOR, "#scenarios > li")) == 3 and
          "What-if scenarios" in d.page_source, "three scenarios on the English page")
    d.find_element(By.ID, "scenarios").location_once_scrolled_into_view
    d.save_screenshot(os.path.join(SHOTS, "web_scenarios.en.png"))
    d.find_element(By.XPATH, "//button[text()='Compare the scenarios']").click()
    until(lambda d: d.find_elements(By.ID, "files"))
    check(d.find_element(By.ID, "status").get_attribute("data-status") == "done",
          "the English comparison: done")
    d.find_element(By.ID, "files").location_once_scrolled_into_view
    d.save_screenshot(os.path.join(SHOTS, "web_compare.en.png"))
    d.find_element(By.PARTIAL_LINK_TEXT, "Open the report").click()
    check(until(lambda d: d.find_elements(By.TAG_NAME, "svg"), 60) and
          "What-if scenarios side by side" in d.page_source,
          "the comparison's report, in English")
    d.save_screenshot(os.path.join(SHOTS, "web_compare_report.en.png"))
    scenario_links(["current", "quota20", "backbone30", "min5years"], "quota20",
                   "web_compare_scenario.en.png")
    d.get(en_plan_url)
    d.find_element(By.NAME, "contact").send_keys("County education bureau, 0000-1234567")
    d.find_element(By.ID, "publish").click()
    until(lambda d: re.search(r"/runs/[0-9a-f]{16}$", d.current_url) and
          d.current_url != en_plan_url and d.find_elements(By.ID, "files"))
    check(d.find_element(By.ID, "status").get_attribute("data-status") == "done",
          "published from the English page")
    d.find_element(By.PARTIAL_LINK_TEXT, "index.html").click()
    check(until(lambda d: d.find_elements(By.CSS_SELECTOR, "a[href^='school_']"), 30),
          "the published index opens, its schools listed")
    school = d.find_elements(By.CSS_SELECTOR, "a[href^='school_']")[0]
    want = school.get_attribute("href")
    school.click()
    check(until(lambda d: d.current_url == want, 30) and "/view/school_" in d.current_url and
          d.find_elements(By.CSS_SELECTOR, "a[href='index.html']"),
          "a school's page opens from the index: " + d.current_url.split("/view/")[-1])
    d.back()
    d.back()
    d.find_element(By.PARTIAL_LINK_TEXT, "notices.html").click()
    check(until(lambda d: "0000-1234567" in d.page_source, 30), "an English notice, with the contact")
    d.save_screenshot(os.path.join(SHOTS, "web_notice.en.png"))
    errs = errors(d)
    check(not errs, "no browser error on the English pages %s" % errs[:3])
    check(not outside(d), "nothing loaded from outside")
    d.get(base + "/?lang=zh")

    print("== a long plan: its progress bar, and cancel", flush=True)
    gen = os.path.join(WORK, "gen300")
    subprocess.run([BIN, "generate", "--sections", "300", "--out", gen], check=True,
                   capture_output=True)
    d.get(base + "/?lang=zh")
    d.find_element(By.NAME, "name").send_keys("大县")
    d.find_element(By.CSS_SELECTOR, "form[action='/workspaces'] button").click()
    until(lambda d: "/w/" in d.current_url)
    for role in ("schools", "teachers"):
        Select(d.find_element(By.NAME, "role")).select_by_value(role)
        d.find_element(By.NAME, "file").send_keys(os.path.join(gen, role + ".csv"))
        d.find_element(By.CSS_SELECTOR, "form[enctype] button").click()
        until(lambda d: role + ".csv" in d.find_element(By.ID, "inputs").text)
    d.find_element(By.XPATH, "//button[text()='编制交流方案']").click()
    check(until(lambda d: d.find_element(By.ID, "p-stage").text in ("线性松弛", "差异系数不变差", "缺编"),
                120),
          "app.js shows the stage: %r" % d.find_element(By.ID, "p-stage").text)
    check(until(lambda d: int(d.find_element(By.ID, "p-elapsed").text) >= 2, 60),
          "and the elapsed seconds")
    width = d.execute_script("return document.getElementById('p-bar').style.width")
    check(width.endswith("%") and width != "0%", "the bar moves: " + width)
    d.save_screenshot(os.path.join(SHOTS, "web_progress.png"))
    d.find_element(By.ID, "cancel").click()
    check(until(lambda d: d.find_element(By.ID, "status").get_attribute("data-status") ==
                "cancelled", 60), "cancelled from the page")
    errs = errors(d)
    check(not errs, "no browser error %s" % errs[:3])
finally:
    d.quit()
    rc = srv.stop()
check(rc == 0, "the server stopped cleanly")
sys.exit(summary("web browser"))
