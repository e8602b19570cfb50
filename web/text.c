/* Every word of the web pages, in Chinese (the default) and English: one
 * row per key.  A page asks rp_t(lang, key); a key missing here shows as
 * itself, which the web test catches by looking for none on the pages. */
#include <string.h>

#include "web/web_i.h"

static const struct {
  const char *key, *zh, *en;
} texts[] = {
    {"title", "rotaplan 交流轮岗工作台", "rotaplan workspace"},
    {"workspaces", "工作区", "Workspaces"},
    {"no_workspaces", "还没有工作区。", "No workspace yet."},
    {"new_workspace", "新建工作区（一个县、一个学年）", "New workspace (one county, one school year)"},
    {"name", "名称", "Name"},
    {"year", "学年", "Year"},
    {"created", "创建时间", "Created"},
    {"create", "创建", "Create"},
    {"inputs", "名册与设置", "Rosters and settings"},
    {"role", "文件", "File"},
    {"file", "文件名", "File name"},
    {"size", "字节", "Bytes"},
    {"missing", "（未上传）", "(not uploaded)"},
    {"upload", "上传", "Upload"},
    {"upload_hint", "CSV（UTF-8、GB18030 等命令行能读的编码）或 Excel .xlsx；上限",
     "CSV (any encoding the command line reads) or Excel .xlsx; at most"},
    {"role_schools", "学校名册", "Schools"},
    {"role_teachers", "教师名册", "Teachers"},
    {"role_policy", "政策设置 policy.ini", "Policy (policy.ini)"},
    {"role_curriculum", "课程计划", "Curriculum"},
    {"role_pins", "指定（留任、交流、调往、不去）", "Pins"},
    {"role_preferences", "教师志愿", "Preferences"},
    {"role_appeals", "申诉", "Appeals"},
    {"run", "运行", "Run"},
    {"run_audit", "现状审核", "Audit"},
    {"run_plan", "编制交流方案", "Plan"},
    {"runs", "历史记录", "History"},
    {"no_runs", "还没有运行记录。", "No run yet."},
    {"kind", "类型", "Kind"},
    {"status", "状态", "Status"},
    {"started", "开始", "Started"},
    {"ended", "结束", "Ended"},
    {"input_hashes", "输入文件 SHA-256", "Inputs (SHA-256)"},
    {"st_queued", "排队中", "queued"},
    {"st_running", "运行中", "running"},
    {"st_done", "完成", "done"},
    {"st_failed", "失败", "failed"},
    {"st_cancelled", "已取消", "cancelled"},
    {"st_interrupted", "中断（服务器曾停止）", "interrupted (the server stopped)"},
    {"exit_code", "退出码", "Exit code"},
    {"cancel", "取消", "Cancel"},
    {"stage", "阶段", "Stage"},
    {"elapsed", "已用时间（秒）", "Elapsed (s)"},
    {"gap", "差距", "Gap"},
    {"files", "结果文件", "Files"},
    {"report", "查看报告", "Open the report"},
    {"output", "输出", "Output"},
    {"messages", "信息与错误", "Messages and errors"},
    {"back", "返回工作区", "Back to the workspace"},
    {"home", "全部工作区", "All workspaces"},
    {"logout", "退出登录", "Log out"},
    {"login", "登录", "Log in"},
    {"user", "用户名", "User name"},
    {"password", "密码", "Password"},
    {"login_failed", "用户名或密码错误。", "Wrong user name or password."},
    {"need_token", "请打开服务器启动时打印的链接（含访问令牌）。",
     "Open the link the server printed when it started (it holds the access token)."},
    {"not_found", "没有这个页面。", "No such page."},
    {"forbidden", "请求缺少有效的 CSRF 令牌，请刷新页面后重试。",
     "The request lacks a valid CSRF token: reload the page and try again."},
    {"bad_request", "请求无法识别。", "The request could not be read."},
    {"too_big", "文件超过大小上限，原文件未改变。", "The file is over the size limit; the previous file is unchanged."},
    {"busy", "排队的任务已满，请稍后再试。", "Too many jobs are waiting; try again later."},
    {"need_rosters", "请先上传学校名册和教师名册。", "Upload the schools and teachers rosters first."},
    {"error", "服务器内部错误。", "Internal server error."},
    {"lang_switch", "English", "中文"},
    /* the solver's stages (docs/model.md), as the progress shows them */
    {"stage_relaxation", "线性松弛", "LP relaxation"},
    {"stage_do_no_harm", "差异系数不变差", "do no harm"},
    {"stage_shortfall", "缺编", "shortfall"},
    {"stage_stability", "保留原方案", "stability"},
    {"stage_excess", "超编", "excess"},
    {"stage_moves", "交流人数", "moves"},
    {"stage_balance", "均衡", "balance"},
    {"stage_moves_after_balance", "均衡后的交流人数", "moves after balance"},
    {"stage_distance", "距离", "distance"},
};

const char *rp_t(rp_web_lang_t lang, const char *key) {
  for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
    if (strcmp(texts[i].key, key) == 0)
      return lang == RP_WEB_EN ? texts[i].en : texts[i].zh;
  return key;
}
