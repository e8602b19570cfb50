/* Translations (see lang.h).  One table: the English text as the code has
 * it, and the Chinese.  Column headers of files that are read back
 * (rotation_list.csv) use the Chinese aliases the readers accept. */
#include "io/lang.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/indicators.h"

typedef struct {
  const char *en, *zh;
} tr_t;

static const tr_t table[] = {
    /* rotation_list.csv */
    {"rotation list", "交流轮岗名单"},
    {"teacher_id", "工号"},
    {"name", "姓名"},
    {"from_school", "调出学校"},
    {"to_school", "调入学校"},
    {"section", "学段"},
    {"subject", "学科"},
    {"role", "职务"},
    {"backbone", "骨干级别"},
    {"degree", "学历"},
    {"km", "距离（公里）"},
    {"direction", "交流方向"},
    {"reason", "原因"},
    {"staffing", "补足编制"},
    {"degree target", "学历达标"},
    {"backbone target", "骨干教师达标"},
    {"pe_art target", "体育艺术教师达标"},
    {"rotation quota and balance", "交流比例与均衡"},
    /* schools_after.csv */
    {"schools before and after", "各校交流前后"},
    {"school_id", "学校代码"},
    {"students", "在校生数"},
    {"counted", "计入差异系数"},
    {"required_staff", "核定编制"},
    {"other_staff", "非教学人员"},
    {"teachers_before", "交流前教师数"},
    {"teachers_after", "交流后教师数"},
    {"degree_per100_before", "交流前每百名学生高学历教师数"},
    {"degree_per100_after", "交流后每百名学生高学历教师数"},
    {"backbone_per100_before", "交流前每百名学生县级以上骨干教师数"},
    {"backbone_per100_after", "交流后每百名学生县级以上骨干教师数"},
    {"pe_art_per100_before", "交流前每百名学生体育艺术教师数"},
    {"pe_art_per100_after", "交流后每百名学生体育艺术教师数"},
    {"staff_short_before", "交流前缺编"},
    {"staff_short_after", "交流后缺编"},
    {"degree_short_before", "交流前高学历缺口"},
    {"degree_short_after", "交流后高学历缺口"},
    {"backbone_short_before", "交流前骨干缺口"},
    {"backbone_short_after", "交流后骨干缺口"},
    {"pe_art_short_before", "交流前体艺缺口"},
    {"pe_art_short_after", "交流后体艺缺口"},
    {"subject_gaps_before", "交流前学科缺口"},
    {"subject_gaps_after", "交流后学科缺口"},
    {"subjects_short_after", "交流后缺口学科"},
    /* subjects.csv */
    {"subjects", "学科配置"},
    {"demand", "课程需求（折合专任教师）"},
    {"need", "应配教师（需求整数部分）"},
    {"gap_before", "交流前缺口"},
    {"gap_after", "交流后缺口"},
    {"surplus_after", "交流后富余"},
    {"part_time", "需求不足一人（兼任或走教）"},
    {"subjects by section", "各学段学科配置"},
    {"subject gaps", "学科缺口"},
    /* recruitment.csv */
    {"recruitment", "补充招聘"},
    {"subject_group", "学科类别"},
    {"school\004name", "学校名称"},
    {"teachers", "教师数"},
    {"any", "不限学科"},
    {"any (degree above the required one)", "不限学科（高于规定学历）"},
    {"any (county-level backbone or above)", "不限学科（县级以上骨干）"},
    {"pe_art (pe, music, art)", "体育艺术（体育、音乐、美术）"},
    {"degree target per 100 students not reached", "每百名学生高学历教师数未达标"},
    {"backbone target per 100 students not reached", "每百名学生县级以上骨干教师数未达标"},
    {"PE + arts target per 100 students not reached", "每百名学生体育艺术教师数未达标"},
    {"staffing ratio not reached", "生师比（编制）未达标"},
    {"subject demand of the curriculum not met", "学科教师未达课程开设需求"},
    /* summary */
    {"summary", "概要"},
    {"item", "项目"},
    {"value", "数值"},
    {"before", "交流前"},
    {"after", "交流后"},
    {"limit", "要求"},
    {"plan year", "计划年度"},
    {"method", "方法"},
    {"solver status", "求解状态"},
    {"optimal", "最优"},
    {"milp", "优化模型"},
    {"greedy", "经验法"},
    {"rule of thumb (no optimality claim)", "不保证最优"},
    {"feasible (not proven optimal)", "可行（未证明最优）"},
    {"teachers eligible to rotate", "符合交流条件教师数"},
    {"teachers moved (limit: at least)", "交流教师数（要求：不少于）"},
    {"teachers moved (limit: at most)", "交流教师数（要求：不多于）"},
    {"backbone teachers moved (limit: at least)", "交流骨干教师数（要求：不少于）"},
    {"km per move, mean", "平均交流距离（公里）"},
    {"km per move, longest", "最远交流距离（公里）"},
    {"moves toward rural or weak schools", "流向乡村或薄弱学校的交流人数"},
    {"share of moves toward rural or weak schools (limit: at least)",
     "流向乡村或薄弱学校的交流占比（要求：不低于）"},
    {"moves by direction: ", "按交流方向："},
    {"shortfall in whole teachers", "缺口（按整人计）"},
    {"subject gaps in whole teachers", "学科缺口（按整人计）"},
    {"sections still missing a target", "仍未达标的学段数"},
    {"recruit: teachers of the subjects short", "需招聘：缺口学科教师"},
    {"recruit: PE + arts teachers", "需招聘：体育艺术教师"},
    {"recruit: teachers of any subject", "需招聘：不限学科教师"},
    {"recruit: teachers above the required degree", "需招聘：高于规定学历教师"},
    {"recruit: county-level backbone teachers", "需招聘：县级以上骨干教师"},
    {"difference coefficient, primary, degree", "差异系数，小学，高学历教师"},
    {"difference coefficient, primary, backbone", "差异系数，小学，骨干教师"},
    {"difference coefficient, primary, PE + arts", "差异系数，小学，体育艺术教师"},
    {"difference coefficient, junior, degree", "差异系数，初中，高学历教师"},
    {"difference coefficient, junior, backbone", "差异系数，初中，骨干教师"},
    {"difference coefficient, junior, PE + arts", "差异系数，初中，体育艺术教师"},
    /* the summary on stdout (rp_plan_print_summary) */
    {"Rotation plan %d (%s, %s, %.2f s)\n", "%d 年度交流轮岗方案（%s，%s，%.2f 秒）\n"},
    {"Rotation plan %d (%s, solver %s, %s, %.2f s)\n",
     "%d 年度交流轮岗方案（%s，求解器 %s，%s，%.2f 秒）\n"},
    {"  moved %zu of %d eligible teachers (at least %d), %d backbone (at least %d)\n",
     "  交流 %zu 人（符合交流条件教师 %d 人，不少于 %d 人），其中骨干教师 %d 人（不少于 %d 人）\n"},
    {"  shortfall in whole teachers: %d before, %d after\n",
     "  缺口（按整人计）：交流前 %d，交流后 %d\n"},
    {"  subject gaps in whole teachers: %d before, %d after\n",
     "  学科缺口（按整人计）：交流前 %d，交流后 %d\n"},
    {"  toward rural or weak schools: %d of %zu moves (%.1f%%)",
     "  流向乡村或薄弱学校：%d 人（占交流 %zu 人的 %.1f%%）"},
    {", at least %.1f%%", "，要求不低于 %.1f%%"},
    {"\n  by direction:", "\n  按交流方向："},
    {"  difference coefficients      before -> after (limit)\n",
     "  差异系数                     交流前 -> 交流后（上限）\n"},
    {"pass", "达标"},
    {"FAIL", "未达标"},
    {"  written to %s/\n", "  已写入 %s/\n"},
    {"  workbook: %s\n", "  工作簿：%s\n"},
    {"  report: %s\n", "  报告：%s\n"},
    /* comparison */
    {"comparison", "方案对比"},
    {"scenario", "方案"},
    {"status", "状态"},
    {"failed", "失败"},
    {"moved", "交流人数"},
    {"backbone_moved", "交流骨干人数"},
    {"shortfall_before", "交流前缺口"},
    {"shortfall_after", "交流后缺口"},
    {"sections_missing", "未达标学段数"},
    {"km_mean", "平均距离（公里）"},
    {"km_max", "最远距离（公里）"},
    {"toward_share", "流向乡村或薄弱学校占比"},
    {"seconds", "求解秒数"},
    {" (reference)", "（基准）"},
    {"written to %s/comparison.csv, comparison.md, comparison.json\n",
     "已写入 %s/comparison.csv、comparison.md、comparison.json\n"},
    {"workbook: %s\n", "工作簿：%s\n"},
    {"report: %s\n", "报告：%s\n"},
    /* frontier.csv (plan --frontier) */
    {"frontier", "交流人数与均衡"},
    {"moves", "交流人数"},
    /* plan --previous, --appeals: appeals.csv and the printed lines */
    {"appeals", "申诉"},
    {"appeal", "申诉事项"},
    {"appeal_school", "申诉涉及学校"},
    {"granted_alone", "单独准予"},
    {"shortfall_change", "缺口变化"},
    {"coefficients_worse", "变差的差异系数"},
    {"rows_changed", "名单变动行数"},
    {"kept from the previous plan: %s", "沿用上一版方案：%s"},
    {"stay", "留任"},
    {"not_to", "不去该校"},
    {"yes", "是"},
    {"no", "否"},
    {"  previous plan: %d of its %d moves kept; %d rows of the list changed\n",
     "  上一版方案：保留其中 %d 人（共 %d 人）；名单变动 %d 行\n"},
    {"appeal %s (%s): %s\n", "申诉 %s（%s）：%s\n"},
    {"granted alone: shortfall %+d, %d rows of the list changed", "单独准予：缺口 %+d，名单变动 %d 行"},
    {"cannot be granted alone: %s", "不能单独准予：%s"},
    {"; coefficients worse: %s", "；变差的差异系数：%s"},
    {"balance_moves", "均衡可多交流人数"},
    {"shortfall", "缺口合计"},
    {"excess", "差异系数超限量"},
    {"km_total", "交流总距离（公里）"},
    {"toward", "流向乡村或薄弱学校人数"},
    {"plan", "方案目录"},
    {"unlimited", "不限"},
    {"Move frontier: %zu plans, fewest moves first (frontier.csv; each in "
     "frontier/moves_NNNN/)\n",
     "交流人数与均衡：%zu 个方案，交流人数从少到多（frontier.csv；各方案见 "
     "frontier/moves_NNNN/）\n"},
    {"The move frontier: how many teachers to move", "交流人数与均衡：交流多少人"},
    {"Each point is a whole plan of the county, verified, made with balance_moves as shown: "
     "the fewest moves first, then more moves allowed to lower the difference coefficients, up "
     "to the plan with the best balance. Its files are in the folder of the last column.",
     "每个点都是一份完整且已核验的全县方案，按表中 balance_moves 制定：先是最少交流人数，"
     "再逐步允许多交流以降低差异系数，直至均衡最佳的方案。各方案文件见最后一列的目录。"},
    {"Difference coefficients against the number of teachers moved",
     "差异系数与交流人数"},
    {"Shortfall after, in whole teachers, against the number of teachers moved",
     "交流后缺口（按整人计）与交流人数"},
    {"teachers moved", "交流人数"},
    {"%d moves: %s %s %.4f", "交流 %d 人：%s%s %.4f"},
    {"%d moves: shortfall %d", "交流 %d 人：缺口 %d"},
    {"limit, primary", "上限（小学）"},
    {"limit, junior", "上限（初中）"},
    {"frontier: point %d of %d, %d moves", "交流人数与均衡：第 %d 个点（共 %d 个），交流 %d 人"},
    {"frontier: %d points written to %s/frontier.csv\n",
     "交流人数与均衡：%d 个点已写入 %s/frontier.csv\n"},
    /* verify */
    {"verified: %zu moves, every rule holds and every figure in summary.json matches\n",
     "核验通过：%zu 人次交流，各项规则均满足，summary.json 中各项数字一致\n"},
    /* verify: rule breaks and figures (issue 13, edited lists) */
    {"verified: %zu moves, every rule holds; %d figures of summary.json differ from the list "
     "(edited by hand?): `rotaplan report --plan %s` rebuilds them\n",
     "核验通过：%zu 人次交流，各项规则均满足；summary.json 中有 %d 项数字与名单不一致"
     "（名单经手工修改？）：可用 `rotaplan report --plan %s` 重新生成\n"},
    {"rotaplan verify: %d rule breaks: the list cannot be published as it is\n",
     "rotaplan verify：违反规则 %d 项，名单不能按现状公布\n"},
    {"rotaplan verify: %d figures differ (--strict)\n",
     "rotaplan verify：%d 项数字不一致（--strict）\n"},
    {"== Rule breaks: %d (hard rules of the plan, docs/model.md)\n",
     "== 违反规则：%d 项（方案的硬性规则，见 docs/model.md）\n"},
    {"== Figures that differ from summary.json: %d (counts a hand edit of the list changes, "
     "not rule breaks; `rotaplan report --plan %s` rebuilds them)\n",
     "== 与 summary.json 不一致的数字：%d 项（手工修改名单后会变化的统计数，不是违反规则；"
     "可用 `rotaplan report --plan %s` 重新生成）\n"},
    {"%s: the summary says %g, recomputed %g", "%s：summary.json 中为 %g，按名单重新计算为 %g"},
    {"%s: missing from the summary (recomputed %g)",
     "%s：summary.json 中没有（按名单重新计算为 %g）"},
    {"solver.backend: \"%s\" is not a solver of rotaplan (glpk, cbc)",
     "solver.backend：“%s”不是 rotaplan 的求解器（glpk、cbc）"},
    {"cannot read the summary as JSON", "无法读取 summary.json（不是有效的 JSON）"},
    {"%s: teacher %s moves to %s, but %s", "%s：教师 %s 调往 %s，但%s"},
    {"teacher %s is moved twice", "教师 %s 在名单中出现两次"},
    {"teacher %s does not teach at the section they are moved from",
     "教师 %s 并不在名单所写的调出学段任教"},
    {"eligibility: teacher %s is moved but not eligible (%s)",
     "交流条件（eligibility）：教师 %s 不符合交流条件却被调动（%s）"},
    {"quota: %d teachers moved, at least %d required",
     "交流比例（quota）：交流 %d 人，至少应交流 %d 人"},
    {"quota: %d teachers moved, at most %d allowed",
     "交流比例（quota）：交流 %d 人，至多可交流 %d 人"},
    {"backbone share: %d backbone among %d moved (share %.2g, minimum %d)",
     "骨干比例（backbone share）：骨干教师交流 %d 人（共交流 %d 人；比例 %.2g，至少 %d 人）"},
    {"min_toward_share: %d of %d moves go toward rural or weak schools, at least %.3g of them "
     "must",
     "min_toward_share：流向乡村或薄弱学校 %d 人次（共 %d 人次），比例至少应为 %.3g"},
    {"the plan says %d backbone moved, the list has %d",
     "方案记录交流骨干 %d 人，名单中为 %d 人"},
    {"pins: teacher %s is pinned to stay but moves", "固定安排（pins）：教师 %s 固定留任，却被调动"},
    {"pins: teacher %s is pinned to move but stays", "固定安排（pins）：教师 %s 固定交流，却未调动"},
    {"pins: teacher %s is pinned to %s but moves to %s",
     "固定安排（pins）：教师 %s 固定调往 %s，却调往 %s"},
    {"quota_scope school: %s sends %d of its %d eligible teachers, at least %d",
     "quota_scope school：%s 调出 %d 人（符合交流条件教师 %d 人），至少应调出 %d 人"},
    {"overstaff_share: %s %s gains %d teachers net, at most %d",
     "overstaff_share：%s %s 净增教师 %d 人，至多 %d 人"},
    {"max_outflow_share: %s %s loses %d of %d teachers (at most %d)",
     "max_outflow_share：%s %s 调出 %d 人（共 %d 名教师），至多 %d 人"},
    {"subject_cover: %s %s keeps %d of its %d %s teachers%s, fewer than the %d it must keep "
     "(the whole part of its demand %.2f, at least one)",
     "subject_cover：%s %s 保留 %d 人（原有 %d 名%s教师）%s，少于应保留的 %d 人"
     "（课程需求 %.2f 的整数部分，至少一人）"},
    {" by departures alone", "（仅按调出计算）"},
    {"it has no %s section with students", "该校没有有在校生的%s学段"},
    {"its %s section does not teach %s (no periods in the curriculum)",
     "该校%s学段不开设%s（课程设置中没有课时）"},
    {"it is the school they are at", "那就是其所在学校"},
    {"backbone teachers move only to rural or weak schools, and it is neither",
     "骨干教师只能到乡村或薄弱学校交流，该校两者都不是"},
    {"it is %.1f km away, beyond max_km = %g", "距离 %.1f 公里，超过 max_km = %g"},
    {"their school belongs to no group (move_scope = group)",
     "其所在学校不属于任何集团（move_scope = group）"},
    {"it belongs to no group, and they are in group \"%s\" (move_scope = group)",
     "该校不属于任何集团，而该教师属于集团“%s”（move_scope = group）"},
    {"it is in group \"%s\", and they are in group \"%s\" (move_scope = group)",
     "该校属于集团“%s”，而该教师属于集团“%s”（move_scope = group）"},
    {"they are pinned not to go there", "已固定不得调往该校（not_to）"},
    /* subjects (rp_subject_label, and verify's messages through rp_subject_word):
     * each Chinese name is one of the aliases the roster reader accepts */
    {"subject\004chinese", "语文"},
    {"subject\004math", "数学"},
    {"subject\004english", "英语"},
    {"subject\004pe", "体育"},
    {"subject\004music", "音乐"},
    {"subject\004art", "美术"},
    {"subject\004science", "科学"},
    {"subject\004morality", "道德与法治"},
    {"subject\004history", "历史"},
    {"subject\004geography", "地理"},
    {"subject\004physics", "物理"},
    {"subject\004chemistry", "化学"},
    {"subject\004biology", "生物"},
    {"subject\004it", "信息技术"},
    {"subject\004other", "其他"},
    /* report: a plan rebuilt from an edited list */
    {"edited list", "手工修改的名单"},
    {"edited by hand", "手工调整"},
    {"Rotation plan %d (%s)\n", "%d 年度交流轮岗方案（%s）\n"},
    {"%zu teachers moved; %s. Made by rotaplan %s.", "交流教师 %zu 人；%s。由 rotaplan %s 生成。"},
    {"rotaplan report: %d rule breaks in the edited list; nothing was written\n",
     "rotaplan report：修改后的名单违反规则 %d 项，未写入任何文件\n"},
    {"rotaplan report: %s; nothing was written\n", "rotaplan report：%s；未写入任何文件\n"},
    /* compare: the table's headers in words, a failed scenario's reason */
    {"comparison\004scenario", "方案"},
    {"comparison\004status", "状态"},
    {"comparison\004eligible teachers", "符合交流条件教师"},
    {"comparison\004minimum to move", "至少交流人数"},
    {"comparison\004teachers moved", "交流人数"},
    {"comparison\004of them backbone", "其中骨干教师"},
    {"comparison\004toward rural or weak schools", "流向乡村或薄弱学校"},
    {"comparison\004in other directions", "其他方向"},
    {"moves over %g km", "距离超过 %g 公里"},
    {"comparison\004teachers placed otherwise than by the reference", "与基准方案安排不同的教师"},
    {"comparison\004shortfall before", "交流前缺口"},
    {"comparison\004shortfall after", "交流后缺口"},
    {"comparison\004sections still missing a target", "仍未达标学段"},
    {"CV (%s · %s)", "差异系数（%s·%s）"},
    {"indicator\004degree", "高学历"},
    {"indicator\004backbone", "骨干"},
    {"indicator\004PE and arts", "体育艺术"},
    {"comparison\004to recruit: PE and arts", "需招聘：体育艺术"},
    {"comparison\004to recruit: any subject", "需招聘：不限学科"},
    {"comparison\004to recruit: above the required degree", "需招聘：高学历"},
    {"comparison\004to recruit: backbone", "需招聘：骨干"},
    {"comparison\004to recruit: subject gaps", "需招聘：缺口学科"},
    {"comparison\004mean km", "平均距离（公里）"},
    {"comparison\004longest km", "最远距离（公里）"},
    {"failed: %s", "失败：%s"},
    {"Moves toward rural or weak schools", "流向乡村或薄弱学校的交流"},
    {"Moves over %g km", "距离超过 %g 公里的交流"},
    /* years.csv (plan --years) */
    {"years", "逐年"},
    {"year", "年度"},
    {"cumulative_moved", "累计交流人数"},
    {"retired", "退休人数"},
    {"returned", "期满回原校人数"},
    {"recruit_pe_art", "需招聘_体育艺术"},
    {"recruit_any", "需招聘_不限学科"},
    {"recruit_degree", "需招聘_高学历"},
    {"recruit_backbone", "需招聘_骨干"},
    {"recruit_subjects", "需招聘_缺口学科"},
    {"moved_backbone", "交流骨干人数"},
    {"== %d years written to %s/ (years.csv: the years side by side)\n",
     "== %d 个年度已写入 %s/（years.csv：逐年对比）\n"},
    /* the audit (rp_audit_print_text) */
    {"staff", "编制"},
    {"excluded: %s", "不计入：%s"},
    {"no students", "无在校生"},
    {"teaching point under the size limit", "教学点规模不足"},
    {"County audit, plan year %d: %zu schools, %zu sections, %zu teachers\n\n",
     "全县现状（计划年度 %d）：%zu 所学校，%zu 个学段，%zu 名教师\n\n"},
    {"school", "学校"},
    {"other", "其他"},
    {"required", "核定"},
    {"targets missed", "未达标项"},
    {"-- per 100 students --", "-- 每百名学生 --"},
    {"Difference coefficients (student-weighted; limit primary %.2f, junior %.2f)\n",
     "差异系数（按学生数加权；上限：小学 %.2f，初中 %.2f）\n"},
    {"level", "学段"},
    {"sections", "学段数"},
    {"excluded", "不计入"},
    {"composite", "综合"},
    {"  excluded: %s %s %s (%s)\n", "  不计入：%s %s %s（%s）\n"},
    {"\nRotation %d: %d eligible teachers, %d eligible backbone; rotate at least %d",
     "\n%d 年度交流：符合交流条件教师 %d 人，其中骨干 %d 人；至少交流 %d 人"},
    {" and at most %d", "，至多 %d 人"},
    {", at least %d of them backbone\n", "，其中骨干教师不少于 %d 人\n"},
    {"\nExemption reasons read (column exempt): none\n", "\n读入的免交流原因：无\n"},
    {"\nExemption reasons read (column exempt), teachers giving each:\n",
     "\n读入的免交流原因及教师人数：\n"},
    {"  %s: %d\n", "  %s：%d 人\n"},
    {"  do no harm: the %s %s coefficient ends above both its limit and its value before; no "
     "plan that keeps the hard rules avoids it\n",
     "  不加剧失衡：%s%s差异系数超过限值且高于交流前，任何满足硬性规则的方案都无法避免\n"},
    {"\nPolicy in force (each default is national, with its document, or local practice)\n",
     "\n执行的轮岗政策（默认值注明来源：国家规定及文件，或本地常见做法）\n"},
    {"the year of the run", "运行当年"},
    {"default %s, national: %s\n", "默认 %s，国家规定：%s\n"},
    {"default %s, local practice\n", "默认 %s，本地常见做法\n"},
    {"  set aside: %d principals and vice principals, %d of them otherwise eligible "
     "(move_leaders = no: they rotate under the separate principals' exchange rule)\n",
     "  未列入：校长、副校长 %d 人，其中 %d 人本符合交流条件"
     "（move_leaders = no：校长交流另行安排）\n"},
    /* the audit's subjects (rp_audit_print_text: print_subjects) */
    {"\nSubjects: demand from curriculum.csv, in full-time teachers\n",
     "\n学科需求（按本县课程设置 curriculum.csv，折合专任教师数）\n"},
    {"\nSubjects: demand from the built-in curriculum (an example published by one province), "
     "in full-time teachers\n",
     "\n学科需求（按内置课程设置：一个省份公布的示例，折合专任教师数）\n"},
    {"gap", "缺口"},
    {"sections short", "缺人学段数"},
    {"part-time", "兼职/走教"},
    {"  sections short of a whole teacher in some subject: %d of %zu; part-time: demand under "
     "one teacher (a shared or visiting teacher), not a gap\n",
     "  有学科缺整名教师的学段：%d 个（共 %zu 个）；兼职/走教：需求不足一名教师，不计为缺口\n"},
    /* the HTML report */
    {"%zu more rows: see the CSV file.", "另有 %zu 行，见 CSV 文件。"},
    {"teachers above the required degree per 100 students", "每百名学生高于规定学历教师数"},
    {"county-level backbone teachers per 100 students", "每百名学生县级以上骨干教师数"},
    {"PE + arts teachers per 100 students", "每百名学生体育艺术教师数"},
    {"%s: %.4f before, %.4f after (target %.2f)", "%s：交流前 %.4f，交流后 %.4f（目标 %.2f）"},
    {"after, target missed", "交流后仍未达标"},
    {"target", "目标"},
    {"Difference coefficients between schools, before and after", "校际差异系数：交流前后"},
    {"%s %s: %.4f before, %.4f after (limit %.2f)", "%s %s：交流前 %.4f，交流后 %.4f（上限 %.2f）"},
    {"after, over the limit", "交流后仍超上限"},
    {"Teachers moved between schools (schools at their positions)",
     "学校间教师流向（按学校位置）"},
    {"Teachers moved between schools (schools in a circle: the rosters give no positions)",
     "学校间教师流向（名册未给出学校位置，学校按圆周排列）"},
    {"%s → %s: %d teachers", "%s → %s：%d 人"},
    {", weak school", "，薄弱学校"},
    {"red ring: weak school", "红圈：薄弱学校"},
    {"Teacher rotation plan %d", "%d 年度教师交流轮岗方案"},
    {"%zu teachers moved; method %s, %s. Made by rotaplan %s.",
     "交流教师 %zu 人；方法 %s，%s。由 rotaplan %s 生成。"},
    {"Summary", "概要"},
    {"Per-100-student indicators of each section", "各学段每百名学生指标"},
    {"Each pair of bars is one school section, lowest before first: grey before the plan, blue "
     "after, red where the target is still missed; the dashed line is the target.",
     "每组柱为一个学校学段，按交流前数值从低到高排列：灰色为交流前，蓝色为交流后，红色表示交流后仍未达标；"
     "虚线为目标值。"},
    {"Balance between schools", "校际均衡"},
    {"Subjects: teachers against the curriculum's demand", "学科配置：教师数与课程需求"},
    {"Subject gaps in the county, in whole teachers, before and after",
     "全县各学科缺口（按整人计）：交流前后"},
    {"%s: %d before (%d sections), %d after (%d sections)",
     "%s：交流前 %d（%d 个学段），交流后 %d（%d 个学段）"},
    {"A section's gap in a subject is the whole teachers it has below the whole part of the "
     "curriculum's demand. Grey: the county's gaps before the plan, blue: after.",
     "学段某学科的缺口：该学科教师数低于课程需求整数部分的人数。灰色为全县交流前的缺口，蓝色为交流后。"},
    {"Each cell: teachers before → after the plan (the demand in full-time teachers); red where "
     "the section is still short of the subject after the plan; * a demand under one teacher: "
     "taught part-time or shared (走教), never a gap. Every row in subjects.csv.",
     "每格：交流前 → 交流后的教师数（括号内为折合专任教师的课程需求）；红色表示交流后该学段仍缺该学科教师；"
     "* 表示需求不足一人，由兼任或走教解决，不计为缺口。完整数据见 subjects.csv。"},
    {"Where the teachers move", "教师流向"},
    {"What moving teachers cannot reach: recruitment", "交流无法解决的缺口：补充招聘"},
    {"Schools before and after", "各校交流前后"},
    {"Rotation list", "交流轮岗名单"},
    {"What-if scenarios side by side", "方案对比"},
    {"%zu scenarios; the first, %s, is the reference. Made by rotaplan %s.",
     "共 %zu 个方案，第一个（%s）为基准。由 rotaplan %s 生成。"},
    {"The scenarios", "各方案"},
    {"The figures side by side", "主要指标对比"},
    {"Teachers moved", "交流教师数"},
    {"the reference", "基准方案"},
    {"Each scenario's own report:", "各方案的报告："},
    {"the other scenarios, in order", "其他方案（按顺序）"},
    {"over the limit", "超过上限"},
    {"the limit", "上限"},
    {"Shortfall after, in whole teachers", "交流后缺口（整人）"},
    {"Sections still missing a target", "仍未达标的学段数"},
    {"Teachers to recruit", "需招聘教师数"},
    {"Difference coefficients after each scenario, against the limits", "各方案交流后的差异系数与上限"},
    {"primary", "小学"},
    {"junior", "初中"},
    /* publication: names and list columns, why this teacher, publish (issue 13, part A) */
    {"gender", "性别"},
    {"from_school_name", "调出学校名称"},
    {"to_school_name", "调入学校名称"},
    {"years_at_school", "本校任教年限"},
    {"why_this_teacher", "人选依据"},
    {"public list", "公示名单"},
    {"%s, %s", "%s，%s"},
    {"degree above the required one", "高于规定学历"},
    {"degree not above the required one", "未高于规定学历"},
    {"county-level backbone or above", "县级以上骨干"},
    {"backbone below county level", "县级以下骨干"},
    {"not a county-level backbone", "非县级以上骨干"},
    {"pinned to %s (%s line %ld)", "指定调入%s（%s 第 %ld 行）"},
    {"pinned to move (%s line %ld)", "指定交流（%s 第 %ld 行）"},
    {"own wish: choice %d, %s", "本人志愿：第 %d 志愿，%s"},
    {"asked to move (preferences); no wished school could take them",
     "本人申请交流（志愿表）；所填志愿学校均无法接收"},
    {"the only %s %s teacher (%s) free to move at %s", "可交流的%s%s教师（%s）在%s仅此一人"},
    {"by years at the school: there since %d; among the %s %s teachers (%s) free to move at "
     "%s, %d in all, number %d by years at the school; moving: %d",
     "按在校年限选派：%d 年起在本校；%s%s教师（%s）在%s可交流的共 %d 人，按在校年限排第 %d，其中 %d 人交流"},
    {"; %d there since the same year stay%s: the teacher id decides",
     "；同年到校的 %d 人留任%s，按工号先后"},
    {"; %d ahead of them in this order stay: no school the rules allow could take them when "
     "their turn came",
     "；按此顺序排在其前的 %d 人留任：轮到时没有规则允许的学校可接收"},
    {"; %d ahead of them in this order stay: not the plan's choice (a list edited by hand, or "
     "other pins or preferences)",
     "；按此顺序排在其前的 %d 人留任：并非方案原有的选择（名单经手工修改，或锁定、志愿与方案不同）"},
    /* publish: school pages, notices and the public list (issue 13, part A) */
    {"Published %s. Questions and appeals: %s, by %s.", "发布日期：%s。咨询及异议：%s，截止 %s。"},
    {"Who arrives: %d", "调入教师：%d 人"},
    {"Who leaves: %d", "调出教师：%d 人"},
    {"Nobody arrives.", "无调入教师。"},
    {"Nobody leaves.", "无调出教师。"},
    {"Nobody moves.", "本年度无交流教师。"},
    {"Teachers before and after", "交流前后教师数"},
    {"Subjects before and after, against the demand", "交流前后各学科教师与课程需求"},
    {"Demand: the curriculum's weekly periods in full-time teachers; need: its whole part. Red: "
     "still short after the plan.",
     "课程需求：按课时折合的专任教师数；应配：其整数部分。红色：交流后仍有缺口。"},
    {"%s (%s): teacher rotation %d", "%s（%s）%d 年度教师交流轮岗名单"},
    {"All schools", "全部学校"},
    {"the county's rotation quota and the balance between schools", "全县交流比例要求与校际均衡"},
    {"Notice of teacher rotation", "教师交流轮岗告知书"},
    {"To %s (teacher %s):", "%s老师（工号 %s）："},
    {"Under the county's teacher rotation plan for %d, you will move from %s to %s from %s, to "
     "teach %s %s there.",
     "根据本县 %d 年度义务教育教师交流轮岗方案，您将由%s交流至%s，自 %s 起到岗，任教%s%s。"},
    {"The term of the rotation is %d years.", "交流期限为 %d 年。"},
    {"Why the move", "交流原因"},
    {"%s (the receiving school: %s)", "%s（调入学校：%s）"},
    {"Why you", "人选依据"},
    {"For questions, ask %s.", "如有疑问，请咨询%s。"},
    {"If you object to this decision, write to %s by %s; the appeal is answered before the move.",
     "如对本安排有异议，请向%s书面提出，截止 %s；复核结果在到岗前答复。"},
    {"Notices of teacher rotation %d", "%d 年度教师交流轮岗告知书"},
    {"Teacher rotation %d: public list", "%d 年度义务教育教师交流轮岗人员名单（公示）"},
    {"Posted from %s to %s. Objections to %s within that time.",
     "公示期：%s 至 %s。如有异议，请在公示期内向%s反映。"},
    {"no.", "序号"},
    {"Teacher rotation %d: lists and notices", "%d 年度教师交流轮岗：名单与告知书"},
    {"The public list (公示), to post", "公示名单（可张贴）"},
    {"The notices, one per teacher who moves", "告知书（每位交流教师一份）"},
    {"Each school's list", "各校名单"},
    {"page\004leave", "调出"},
    {"page\004arrive", "调入"},
    {"page\004school code", "学校代码"},
    {"page\004school", "学校名称"},
    {"page\004to school", "调入学校"},
    {"page\004from school", "调出学校"},
    {"page\004why the move", "原因"},
    {"page\004why this teacher", "人选依据"},
    {"page\004required staff", "核定编制"},
    {"page\004teachers before", "交流前教师数"},
    {"page\004teachers after", "交流后教师数"},
    {"page\004demand", "课程需求（折合专任教师）"},
    {"page\004need", "应配教师（需求整数部分）"},
    {"page\004short after", "交流后缺口"},
    {"the personnel office of the county education bureau", "县教育局人事股"},
    {"published %zu moves to %s/: index.html, %zu school pages, notices.html (%zu notices), "
     "public_list.csv, .xlsx and .html\n",
     "已发布 %zu 人次交流至 %s/：index.html、%zu 个学校页面、notices.html（%zu 份告知书）、"
     "public_list.csv、.xlsx 和 .html\n"},
    {"  posted %s, appeals by %s, start %s, term %d years, contact: %s\n",
     "  公示日期 %s，异议截止 %s，到岗 %s，交流期限 %d 年，联系：%s\n"},
    /* ---- issue 13, part B: messages of the input readers and the front end ---- */
    /* rp_diag_print's own words */
    {"warning: ", "警告: "},
    {"column \"%s\": ", "列\"%s\": "},
    {"%s: ... and %zu more messages of this file not shown\n",
     "%s: ……另有 %zu 条关于此文件的提示未列出\n"},
    {"... and %zu more messages not shown\n", "……另有 %zu 条提示未列出\n"},
    /* the front end */
    {"rotaplan: %zu error in the input; nothing was written\n",
     "rotaplan: 输入中有 %zu 处错误，未写出任何文件\n"},
    {"rotaplan: %zu errors in the input; nothing was written\n",
     "rotaplan: 输入中有 %zu 处错误，未写出任何文件\n"},
    {"rotaplan plan: %s; nothing was written\n", "rotaplan plan: %s；未写出任何文件\n"},
    {"\nTry 'rotaplan %s%s--help'.\n", "\n用法见 'rotaplan %s%s--help'。\n"},
    {"usage error", "用法错误"},
    {"cannot read or write a file", "无法读取或写入文件"},
    {"bad input data", "输入数据有误"},
    {"a size limit was exceeded", "超出规模上限"},
    {"out of memory", "内存不足"},
    {"a hard rule cannot be satisfied", "硬性规则无法满足"},
    {"the solver failed", "求解器出错"},
    {"internal error", "内部错误"},
    {"missing COMMAND", "缺少命令（COMMAND）"},
    {"unknown command '%s'", "未知命令 '%s'"},
    {"bad option", "选项有误"},
    {"bad option '%s' (unknown, or its value is missing)", "选项 '%s' 有误（无此选项，或缺少取值）"},
    {"unexpected argument '%s'", "多余的参数 '%s'"},
    {"--lang must be zh or en", "--lang 只能是 zh 或 en"},
    {"--csv-encoding must be utf-8, utf-8-bom or gb18030",
     "--csv-encoding 只能是 utf-8、utf-8-bom 或 gb18030"},
    {"--solver must be glpk or cbc", "--solver 只能是 glpk 或 cbc"},
    {"--solver %s: this rotaplan was built without %s (Debian: coinor-libcbc-dev); use --solver "
     "glpk",
     "--solver %s：此 rotaplan 编译时未带 %s（Debian：coinor-libcbc-dev）；请用 --solver glpk"},
    {"--time-limit must be seconds (0.1 to 1000000)", "--time-limit 须为秒数（0.1 到 1000000）"},
    {"--gap must be a fraction from 0 to 1", "--gap 须为 0 到 1 之间的小数"},
    {"--max-columns must be a whole number >= 1", "--max-columns 须为不小于 1 的整数"},
    {"--years must be 1 to 20", "--years 须为 1 到 20"},
    {"--method must be milp or greedy", "--method 只能是 milp 或 greedy"},
    {"--scenario names its own input files: give either --scenario or --schools/--teachers/...",
     "--scenario 已指定输入文件：--scenario 与 --schools/--teachers/... 只能选其一"},
    {"--schools and --teachers (or --scenario), and --out, are required",
     "须给出 --schools 和 --teachers（或 --scenario），以及 --out"},
    {"--frontier plans the plan year with the optimizing method: not with --years or --method "
     "greedy",
     "--frontier 只用优化方法规划计划年度：不能与 --years 或 --method greedy 同用"},
    {"--forecast needs --years 2 or more", "--forecast 需要 --years 2 或以上"},
    {"--schools and --teachers are required", "须给出 --schools 和 --teachers"},
    {"--schools and --teachers (or --scenario), and --plan, are required",
     "须给出 --schools 和 --teachers（或 --scenario），以及 --plan"},
    {"--scenario names its own input files", "--scenario 已指定输入文件"},
    {"--jobs must be 1 to 256", "--jobs 须为 1 到 256"},
    {"at least one scenario is required", "至少须给出一个方案文件"},
    {"--sections must be 1 to 100000", "--sections 须为 1 到 100000"},
    {"--seed must be a whole number >= 0", "--seed 须为不小于 0 的整数"},
    {"--year must be 1950 to 2200", "--year 须为 1950 到 2200"},
    {"--sections and --out are required", "须给出 --sections 和 --out"},
    /* io/input_file.c */
    {"cannot open: %s", "无法打开：%s"},
    {"cannot read: %s", "无法读取：%s"},
    {"cannot open %s: %s", "无法打开 %s：%s"},
    {"cannot read %s: %s", "无法读取 %s：%s"},
    {"is a folder, not a file", "是文件夹，不是文件"},
    {"is not a regular file (a FIFO or a device)", "不是普通文件（是管道或设备）"},
    {"%s is a folder, not a file", "%s 是文件夹，不是文件"},
    {"%s is not a regular file (a FIFO or a device)", "%s 不是普通文件（是管道或设备）"},
    {"cannot read: the file changed while it was being read; read it again when nothing writes "
     "to it",
     "无法读取：读取过程中文件被改动；请在没有程序写入时重新运行"},
    {"cannot read %s: the file changed while it was being read; read it again when nothing "
     "writes to it",
     "无法读取 %s：读取过程中文件被改动；请在没有程序写入时重新运行"},
    {"%s larger than %ld KiB: is this the right file?", "%s 大于 %ld KiB：文件是否选错了？"},
    {"contains a NUL byte: not a text file", "含有 NUL 字节：不是文本文件"},
    {"policy file", "政策文件"},
    {"scenario file", "方案文件"},
    /* io/csv_reader.c */
    {"field %zu is %zu bytes long; the limit is %d bytes (RP_CSV_MAX_FIELD)",
     "第 %zu 个字段长 %zu 字节，上限为 %d 字节（RP_CSV_MAX_FIELD）"},
    {"more than %d fields in a record (RP_CSV_MAX_COLS)", "一行超过 %d 个字段（RP_CSV_MAX_COLS）"},
    {"line %ld looks like a title (\"%s\"), not the header: skipped; the header is line %ld "
     "(delete the title row to silence this warning)",
     "第 %ld 行像是标题（\"%s\"），不是表头：已跳过；表头在第 %ld 行（删除标题行即不再提示）"},
    {"%zu fields, but the header has 1: is the header line a title above the column names? "
     "Delete it",
     "有 %zu 个字段，但表头只有 1 个：表头行是否是列名上方的标题？请删除该行"},
    {"%zu fields, but the header has %zu", "有 %zu 个字段，但表头有 %zu 个"},
    {"more than %ld data rows (RP_CSV_MAX_ROWS)", "数据超过 %ld 行（RP_CSV_MAX_ROWS）"},
    {"the file is empty", "文件是空的"},
    {"contains a NUL byte: this is a binary file, not CSV text (save it from Excel as CSV)",
     "含有 NUL 字节：这是二进制文件，不是 CSV 文本（请从 Excel 另存为 CSV）"},
    {"byte %zu is neither UTF-8 nor GB18030 text (mixed or unknown encoding)",
     "第 %zu 个字节既不是 UTF-8 也不是 GB18030 文本（编码混杂或无法识别）"},
    {"malformed CSV: %s", "CSV 格式有误：%s"},
    {"a field is longer than the limit of %d bytes (RP_CSV_MAX_FIELD)",
     "有字段超过 %d 字节的上限（RP_CSV_MAX_FIELD）"},
    {"malformed CSV: a quoted field is not closed", "CSV 格式有误：引号括起的字段没有结束引号"},
    {"the file has no header row", "文件没有表头行"},
    {"the file has a header but no data rows", "文件只有表头，没有数据行"},
    {"the file is %zu bytes; the limit is %ld bytes (RP_CSV_MAX_BYTES): split the county or "
     "raise the limit",
     "文件有 %zu 字节，上限为 %ld 字节（RP_CSV_MAX_BYTES）：请分片规划或提高上限"},
    {"required column is missing; the header \"%s\" is not known: did you mean \"%s\"? (header "
     "names are listed in docs/data-format.md)",
     "缺少必需的列；表头\"%s\"无法识别：是否应为\"%s\"？（可用的表头见 docs/data-format.md）"},
    {"required column is missing (header names are listed in docs/data-format.md)",
     "缺少必需的列（可用的表头见 docs/data-format.md）"},
    {"unknown column, ignored", "无法识别的列，已忽略"},
    {"duplicate column: \"%s\" is given twice", "列重复：\"%s\"出现了两次"},
    /* io/roster.c */
    {"is empty; expected %s", "为空；应填%s"},
    {"\"%s\" is not %s (%ld to %ld)", "\"%s\" 不是有效的%s（%ld 到 %ld）"},
    {": it has a thousands separator; write %s", "：含千位分隔符，应写作 %s"},
    {"a number of students", "学生数"},
    {"a number of classes", "班级数"},
    {"a number of staff", "职工数"},
    {"a birth year", "出生年份"},
    {"a year", "年份"},
    {"\"%s\" looks like a total row: skipped (rotaplan adds up the county itself; delete the "
     "row to silence this warning)",
     "\"%s\" 像是合计行：已跳过（rotaplan 自行汇总全县；删除该行即不再提示）"},
    {"is empty", "为空"},
    {"\"%s\" is not an area (urban, town, rural; 城区, 镇区, 乡村)",
     "\"%s\" 不是有效的城乡类型（城区、镇区、乡村；urban, town, rural）"},
    {"\"%s\" is not yes/no (1/0, yes/no, 是/否)", "\"%s\" 不是“是/否”（是/否、1/0、yes/no）"},
    {"is 0 but the school has %d primary students", "为 0，但该校有小学生 %d 人"},
    {"is 0 but the school has %d junior students", "为 0，但该校有初中生 %d 人"},
    {"is %d, but the %s grade columns (%s to %s) add up to %ld",
     "为 %d，但%s各年级列（%s 至 %s）合计为 %ld"},
    {"%d students in %d classes is above the class size cap of %d",
     "%d 名学生、%d 个班，超过班额上限 %d 人"},
    {"the school has no students in either section", "该校小学、初中均无在校生"},
    {"\"%s\" is not a position in km", "\"%s\" 不是以公里计的位置"},
    {"duplicate school \"%s\" (first at line %ld)", "学校\"%s\"重复（首次出现在第 %ld 行）"},
    {"\"%s\" is not a school in the schools file", "\"%s\" 不是学校表中的学校"},
    {"\"%s\" is not a section (primary, junior; 小学, 初中)",
     "\"%s\" 不是有效的学段（小学、初中；primary, junior）"},
    {"school \"%s\" has no primary section (no students or classes)",
     "学校\"%s\"没有小学学段（无在校生或班级）"},
    {"school \"%s\" has no junior section (no students or classes)",
     "学校\"%s\"没有初中学段（无在校生或班级）"},
    {"is empty, but school \"%s\" has both primary and junior sections: say which one",
     "为空，但学校\"%s\"有小学和初中两个学段：请填写学段"},
    {"\"%s\" is not a known subject; counted as \"other\" (here and on later rows)",
     "\"%s\" 不是已知学科；按\"其他\"计（本行及以后各行）"},
    {"\"%s\" is not a gender (M, F; 男, 女)", "\"%s\" 不是有效的性别（男、女；M, F）"},
    {"%ld is before the teacher turned 16 (born %d)", "%ld 年该教师未满 16 岁（%d 年出生）"},
    {"\"%s\" is not a degree (secondary, associate, bachelor, master, doctor; 中专, 专科, 本科, "
     "硕士, 博士)",
     "\"%s\" 不是有效的学历（中专、专科、本科、硕士、博士）"},
    {"\"%s\" is not a backbone level (none, school, county, city, province, national; 无, 校级, "
     "县级, 市级, 省级, 国家级)",
     "\"%s\" 不是有效的骨干级别（无、校级、县级、市级、省级、国家级）"},
    {"\"%s\" is not a role (teacher, principal, vice_principal)",
     "\"%s\" 不是有效的职务（教师、校长、副校长）"},
    {"duplicate teacher \"%s\" (first at line %ld)", "教师\"%s\"重复（首次出现在第 %ld 行）"},
    {"school \"%s\" primary: %d teachers for %d students",
     "学校\"%s\"小学：%d 名教师，仅 %d 名学生"},
    {"school \"%s\" junior: %d teachers for %d students",
     "学校\"%s\"初中：%d 名教师，仅 %d 名学生"},
    {"the school has both x_km/y_km and longitude/latitude: give one of them",
     "该校同时给了 x_km/y_km 和经度/纬度：只填一种"},
    {"\"%s\" is not a longitude (degrees east, -180 to 180, such as 114.3)",
     "\"%s\" 不是有效的经度（东经度数，-180 到 180，如 114.3）"},
    {"\"%s\" is not a latitude (degrees north, -90 to 90, such as 30.5)",
     "\"%s\" 不是有效的纬度（北纬度数，-90 到 90，如 30.5）"},
    {"school \"%s\" gives its position in x_km/y_km, but line %ld in longitude/latitude: give "
     "every school's position one way",
     "学校\"%s\"的位置用 x_km/y_km 表示，而第 %ld 行用经度/纬度：各校位置须用同一种方式"},
    {"school \"%s\" gives its position in longitude/latitude, but line %ld in x_km/y_km: give "
     "every school's position one way",
     "学校\"%s\"的位置用经度/纬度表示，而第 %ld 行用 x_km/y_km：各校位置须用同一种方式"},
    {"every position (%zu schools) lies within China's longitudes and latitudes (x 73 to 136, y "
     "3 to 54): these look like degrees, not km; name the columns 经度 and 纬度 (longitude, "
     "latitude) for distances on the globe, or give km on a local grid",
     "全部 %zu 所学校的位置都在我国经纬度范围内（x 为 73 到 136，y 为 3 到 54）：看来是经纬度，"
     "不是公里数；请把这两列的表头改为\"经度\"和\"纬度\"（按球面距离计算），或改填本地坐标的公里数"},
    /* io/ini_reader.c, io/policy_ini.c */
    {"unknown section [%s] (staffing, targets, balance, rotation)",
     "未知的节 [%s]（staffing、targets、balance、rotation）"},
    {"key \"%s\" is set twice", "参数\"%s\"设置了两次"},
    {"line too long (at most %d bytes; %s)", "行太长（至多 %d 字节；%s）"},
    {"line too long", "行太长"},
    {"unknown section [%s] (%s)", "未知的节 [%s]（%s）"},
    {"not an INI line (expected [section] or key = value)",
     "不是 INI 格式的行（应为 [节名] 或 参数 = 值）"},
    /* io/plan_io.c: pins, preferences, forecast */
    {"teacher \"%s\" is pinned twice (first at line %ld)",
     "教师\"%s\"固定了两次（首次在第 %ld 行）"},
    {"required column is missing", "缺少必需的列"},
    {"\"%s\" is not in the teachers file", "\"%s\" 不在教师表中"},
    /* The planning run's messages (model/builder.c, model/rules.c, solver/,
     * pipeline/): translated when printed, as the readers' (model/status.h) */
    {"teacher \"%s\" is pinned to \"%s\", but %s (%s)", "教师 \"%s\" 被锁定调往 \"%s\"，但%s（%s）"},
    {"pins: %d teachers of %s %s are pinned to move, but max_outflow_share %.2g lets it lose at "
     "most %d of its %d teachers",
     "锁定：%d 名教师被锁定从 %s %s 交流出去，但 max_outflow_share %.2g 只允许该学段调出其 %d 名教师中的至多 %d 名"},
    {"rotation quota: at least %d teachers must rotate (quota_share %.2g of %d eligible), but "
     "only %d are free to move",
     "交流比例：至少 %d 人须交流（符合交流条件教师的 quota_share %.2g，共 %d 人），但只有 %d 人可以交流"},
    {"rotation quota: at least %d teachers must rotate, but max_outflow_share %.2g lets the "
     "sections send at most %d of their eligible teachers",
     "交流比例：至少 %d 人须交流，但 max_outflow_share %.2g 只允许各学段合计调出至多 %d 名符合交流条件教师"},
    {"backbone share: at least %d backbone teachers must rotate (backbone_share %.2g), but only "
     "%d eligible backbone teachers are free to move",
     "骨干教师比例：至少 %d 名骨干教师须交流（backbone_share %.2g），但只有 %d 名符合交流条件的骨干教师可以交流"},
    /* years planned together (issue 15; pipeline/plan_run.c, model/builder.c) */
    {"backbone share: at least %d backbone teachers should rotate (backbone_share %.2g), but "
     "only %d eligible backbone teachers are free to move: with backbone_reach = yes the plan "
     "reaches the largest share it can, and the county would need to appoint %d more backbone "
     "teachers",
     "骨干教师比例：应有至少 %d 名骨干教师交流（backbone_share %.2g），但只有 %d 名符合交流条件的骨干教师可以交流："
     "backbone_reach = yes，方案尽量达到最高比例，全县还需认定 %d 名骨干教师"},
    {"backbone share: %d backbone teacher(s) short of backbone_share %.2g in %d (backbone_reach = "
     "yes: the plan moves every backbone teacher it can); the county would need to appoint %d "
     "more eligible backbone teacher(s)",
     "骨干教师比例：差 %d 名骨干教师未达到 backbone_share %.2g（%d 年；backbone_reach = yes："
     "方案已让能交流的骨干教师都交流）；全县还需认定 %d 名符合交流条件的骨干教师"},
    {"years planned together: in %d the rotation quota will be %d teacher(s) short whatever %d "
     "does (too few teachers free to move then)",
     "多年统筹：%d 年的交流比例将差 %d 人，无论 %d 年如何安排（届时符合交流条件的教师不足）"},
    {"years planned together: in %d the backbone share will be %d backbone teacher(s) short "
     "whatever %d does: the county would need to appoint %d more eligible backbone teacher(s) by "
     "then%s",
     "多年统筹：%d 年的骨干教师比例将差 %d 名骨干教师，无论 %d 年如何安排：届时全县还需认定 %d "
     "名符合交流条件的骨干教师%s"},
    {", or plan that year with backbone_reach = yes", "，或该年度设 backbone_reach = yes"},
    {"backbone share: %d backbone among %d moved (share %.2g, minimum %d): below it, as "
     "backbone_reach = yes allows",
     "骨干教师比例：交流 %d 名骨干教师，共交流 %d 人（比例 %.2g，至少 %d 人）：低于要求，backbone_reach = yes 允许"},
    {"years planned together: the model of %d with the years after it was not solved within its "
     "share of the time limit; %d is planned alone",
     "多年统筹：%d 年与其后年度的统筹模型未能在分配的时限内求解；%d 年单独编制"},
    {"years planned together: the least shortfall of the model of %d with the years after it was "
     "not proven (its search stopped making progress); %d is planned alone",
     "多年统筹：%d 年与其后年度的统筹模型未能证明最少缺口（搜索已无进展）；%d 年单独编制"},
    {"years planned together: the solver crashed (signal %d) on the model of %d with the years "
     "after it; %d is planned alone",
     "多年统筹：求解器崩溃（信号 %d），未能求解 %d 年与其后年度的统筹模型；%d 年单独编制"},
    {"%d cannot be planned (the reason above); %d earlier year(s) written to %s/ (years.csv)",
     "%d 年无法编制方案（原因见上）；此前 %d 个年度的方案已写入 %s/（years.csv）"},
    {"rotaplan plan: %s; the %d year(s) before it were written\n",
     "rotaplan plan：%s；此前 %d 个年度的方案已写入\n"},
    {"teacher \"%s\" is pinned to move but is not eligible (%s)",
     "教师 \"%s\" 被锁定交流，但不符合交流条件（%s）"},
    {"  a plan exists with %s (rule %s relaxed)", "  改为 %s 时有可行方案（放宽规则 %s）"},
    {"  the time limit (--time-limit %g s) ended the search for a rule to relax before every "
     "rule was tried; raise it to try the rest",
     "  求解时限（--time-limit %g 秒）已到，尚未逐一尝试放宽每条规则；加大时限可试完其余规则"},
    {"  no single rule relaxed makes a plan possible: the quota (quota_share), the backbone share "
     "or the pins need to change",
     "  单独放宽任何一条规则都无法得到可行方案：须调整交流比例（quota_share）、骨干教师比例或锁定"},
    {"time limit: %g s spent before the plan met every rule (%d lazy rows still to add); raise "
     "--time-limit",
     "求解时限：%g 秒已用完，方案仍未满足全部规则（还有 %d 行待加入）；请加大 --time-limit"},
    {"routing: the %s %s teachers of class %d cannot all be routed to the schools that need them "
     "within the move rules (max_km = %g km, move_scope = %s, their not_to pins); relax one of "
     "them or pin the moves",
     "分配：%s %s 教师（类别 %d）无法在交流规则内全部派往需要的学校（max_km = %g 公里，move_scope = %s，"
     "以及其不去某校的锁定）；请放宽其中一项或直接锁定交流去向"},
    {"the model has %zu columns, more than the limit of %ld: plan the county in parts (by group "
     "or district), or raise the limit with --max-columns",
     "模型有 %zu 列，超过上限 %ld：请分片区（集团或学区）规划，或用 --max-columns 提高上限"},
    {"the hard rules cannot all hold together: quota %d, backbone %d%s, pins; relax one and rerun",
     "各项硬性规则无法同时满足：交流人数 %d，骨干教师 %d%s，锁定；请放宽其中一项后重新运行"},
    {"greedy: pinned teacher \"%s\" cannot be placed within the rules (outflow cap, subject cover, "
     "destination); use --method milp",
     "经验法：被锁定的教师 \"%s\" 无法在规则内安排（调出上限、学科保障、调入学校）；请用 --method milp"},
    {"%s: \"%s\" is not a date (YYYY-MM-DD, such as 2026-06-01)",
     "%s：\"%s\" 不是日期（应写作 YYYY-MM-DD，如 2026-06-01）"},
    {"%d figures of summary.json differ from the rotation list: rebuild them with `rotaplan "
     "report --plan %s`, then publish",
     "summary.json 中有 %d 项数字与交流名单不一致：请先用 `rotaplan report --plan %s` 重新生成，再公布"},
    {"%zu teachers move while a colleague ahead of them in their group's order stays: give the "
     "pins and preferences the plan was made with (their notices say so)",
     "有 %zu 名教师交流，而同组中排在其前面的同事留下：请给出生成方案时所用的锁定和志愿文件（告知书中会注明）"},
    {"frontier: no plan with balance_moves = %d", "交流人数与均衡：balance_moves = %d 时没有可行方案"},
    {"frontier: the plan with balance_moves = %d (%d moves) fails verification",
     "交流人数与均衡：balance_moves = %d 的方案（交流 %d 人）未通过核验"},
    {"the appeals' costs: %s", "申诉代价：%s"},
    {"\"%s\" is not an action (stay, move, to, not_to; 留任, 交流, 调往, 不去)",
     "\"%s\" 不是有效的安排（留任、交流、调往、不去，或 stay、move、to、not_to）"},
    {"an appeal is granted as stay (the teacher stays) or not_to (not to that school), not as "
     "a move",
     "申诉只能准予为留任（教师不交流）或不去（不去某校），不能是交流或调往"},
    {"\"%s\" is not a school", "\"%s\" 不是学校表中的学校"},
    {"\"%s\" is not a rank (1 to 99)", "\"%s\" 不是有效的志愿顺序（1 到 99）"},
    {"\"%s\" is not a year", "\"%s\" 不是有效的年份"},
    {"\"%s\" is not a number of students", "\"%s\" 不是有效的学生数"},
    /* model/policy.c */
    {"unknown policy key \"%s\"", "未知的政策参数\"%s\""},
    {"key \"%s\" belongs in section [%s], not [%s]", "参数\"%s\"属于 [%s] 节，不属于 [%s]"},
    {"%s = \"%s\": expected one of %s", "%s = \"%s\"：应为 %s 之一"},
    {"%s = \"%s\": not a whole number or %s", "%s = \"%s\"：不是整数，也不是 %s"},
    {"%s = \"%s\": not a whole number", "%s = \"%s\"：不是整数"},
    {"%s = \"%s\": not a number or %s", "%s = \"%s\"：不是数，也不是 %s"},
    {"%s = \"%s\": not a number", "%s = \"%s\"：不是数"},
    {"%s = %s: out of range [%g, %g]", "%s = %s：超出范围 [%g, %g]"},
    {"%squota_max_share %.3g is below quota_share %.3g",
     "%squota_max_share %.3g 小于 quota_share %.3g"},
    /* io/curriculum_csv.c */
    {"grade and level are both empty: give a grade (1-9) or a level (primary, junior; 小学, 初中)",
     "年级和学段都为空：请填写年级（1-9）或学段（小学、初中）"},
    {"\"%s\" is not a level (primary, junior; 小学, 初中)",
     "\"%s\" 不是有效的学段（小学、初中；primary, junior）"},
    {"\"%s\" is not a grade (1 to 9; 一年级 ... 九年级)",
     "\"%s\" 不是有效的年级（1 到 9；一年级……九年级）"},
    {"\"%s\" is not a known subject (docs/data-format.md lists the names and Chinese aliases)",
     "\"%s\" 不是已知学科（学科名称及中文写法见 docs/data-format.md）"},
    {"is empty; expected the weekly periods (0 to %d)", "为空；应填周课时（0 到 %d）"},
    {"\"%s\" is not a number of weekly periods (0 to %d)",
     "\"%s\" 不是有效的周课时数（0 到 %d）"},
    {"\"%s\" is not a teacher's weekly periods (%d to %d)",
     "\"%s\" 不是有效的教师周课时（%d 到 %d）"},
    {"neither a grade nor a level column (grade, 年级; level, 学段): say which grades each row is "
     "for",
     "既没有年级列也没有学段列（年级、grade；学段、level）：请说明每行对应哪些年级"},
    {"[schools] %s: %g, %g is not a longitude and latitude (the county's schools give theirs in "
     "degrees)",
     "[schools] %s：%g, %g 不是有效的经纬度（本县学校的位置以经纬度给出）"},
    /* io/scenario_ini.c, model/scenario.c */
    {"[base] unknown key \"%s\" (name, extends, schools, teachers, policy, pins, preferences, "
     "forecast, curriculum, years)",
     "[base] 未知的参数\"%s\"（name、extends、schools、teachers、policy、pins、preferences、"
     "forecast、curriculum、years）"},
    {"[base] %s is set twice (first at line %ld)", "[base] %s 设置了两次（首次在第 %ld 行）"},
    {"[base] %s is empty", "[base] %s 为空"},
    {"[base] years = \"%s\": not a number of school years (1 to 20)",
     "[base] years = \"%s\"：不是有效的学年数（1 到 20）"},
    {"[policy] %s is set twice (first at line %ld)", "[policy] %s 设置了两次（首次在第 %ld 行）"},
    {"[enrolment] %s is given twice (first at line %ld)",
     "[enrolment] %s 给了两次（首次在第 %ld 行）"},
    {"[enrolment] a target without a school, area or `all`",
     "[enrolment] 没有指明学校、城乡类型或 `all`"},
    {"[enrolment] %s = \"%s\": not a percentage from -100%% to +1000%%",
     "[enrolment] %s = \"%s\"：不是 -100%% 到 +1000%% 之间的百分比"},
    {"[schools] unknown key \"%s\" (close.<school_id>, merge.<school_id>, open.<school_id>)",
     "[schools] 未知的参数\"%s\"（close.<学校代码>、merge.<学校代码>、open.<学校代码>）"},
    {"solver: no plan found within the time limit of %g s", "求解器：在 %g 秒的时限内未找到方案"},
    {"no plan in time: raise --time-limit, or plan with --solver cbc, which solves a large "
     "county's relaxations many times faster; --method greedy gives the rule of thumb's plan at "
     "once",
     "未能在时限内得到方案：请加大 --time-limit，或改用 --solver cbc（它求解大县模型的松弛问题快得多）；"
     "--method greedy 可立即给出经验规则的方案"},
    {"no plan in time: raise --time-limit; --method greedy gives the rule of thumb's plan at once",
     "未能在时限内得到方案：请加大 --time-limit；--method greedy 可立即给出经验规则的方案"},
    {"CBC stopped abnormally on this model; plan it with --solver glpk (the default)",
     "CBC 求解此模型时异常终止；请改用 --solver glpk（默认求解器）编制"},
    {"[schools] %s: a closure moves all %d teachers; the exemptions of %d (exempt, years at the "
     "school, term, age, school leader) are lifted",
     "[schools] %s：撤并学校的全部 %d 名教师都须调出，其中 %d 人的免交流条件（免交流、在校年限、任期、年龄、学校领导）不再适用"},
    {"[schools] %s: no school id after the dot", "[schools] %s：点号后没有学校代码"},
    {"[schools] %s is given twice (first at line %ld)", "[schools] %s 给了两次（首次在第 %ld 行）"},
    {"[schools] %s: a school cannot send its students to itself",
     "[schools] %s：学校不能把学生分流到自己"},
    {"[schools] %s: \"%s\" is listed twice", "[schools] %s：\"%s\" 列了两次"},
    {"[schools] %s = \"%s\": expected one school to merge into",
     "[schools] %s = \"%s\"：应只给一所并入的学校"},
    {"[schools] %s: a school cannot merge into itself", "[schools] %s：学校不能并入自己"},
    {"[schools] %s: \"%s\" is not an area (urban, town, rural; 城区, 镇区, 乡村)",
     "[schools] %s：\"%s\" 不是有效的城乡类型（城区、镇区、乡村）"},
    {"[schools] %s: a new school needs students in at least one level",
     "[schools] %s：新建学校至少要有一个学段的学生"},
    {"[schools] %s: \"%s, %s\" is not a position in km", "[schools] %s：\"%s, %s\" 不是以公里计的位置"},
    {"[schools] %s: school \"%s\" already exists", "[schools] %s：学校\"%s\"已存在"},
    {"[recruit] %s = \"%s\": expected count[, degree[, school_id]]",
     "[recruit] %s = \"%s\"：应为 人数[, 学历[, 学校代码]]"},
    {"[recruit] %s: count \"%s\" is not a whole number from 1 to 1000",
     "[recruit] %s：人数\"%s\"不是 1 到 1000 之间的整数"},
    {"[retire] unknown key \"%s\" (age, retire_age_male, retire_age_female, teachers)",
     "[retire] 未知的参数\"%s\"（age、retire_age_male、retire_age_female、teachers）"},
    {"[retire] %s is set twice (first at line %ld)", "[retire] %s 设置了两次（首次在第 %ld 行）"},
    {"[retire] age = \"%s\": expected on or off", "[retire] age = \"%s\"：应为 on 或 off"},
    {"[retire] %s = \"%s\": not a whole number from 40 to 80",
     "[retire] %s = \"%s\"：不是 40 到 80 之间的整数"},
    {"\"%s\" is outside any section (start with [base])", "\"%s\" 不在任何节内（请以 [base] 开头）"},
    {"extends chain deeper than %d files", "extends 嵌套超过 %d 个文件"},
    {"no %s file: set `%s = ...` in [base] (here or in a file it extends)",
     "没有 %s 文件：请在 [base] 中设置 `%s = ...`（本文件或其 extends 的文件）"},
    {"%s: unknown school \"%s\"", "%s：未知的学校\"%s\""},
    /* ---- end of part B's block ---- */
    /* ---- issue 15 (B): the teachers' history, ledger.csv, years.csv's history figures ---- */
    {"ledger", "负担台账"},
    {"moved_this_year", "本年是否交流"},
    {"rotations", "累计交流次数"},
    {"rotations_in_run", "本次规划内交流次数"},
    {"km_in_run", "本次规划内交流里程（公里）"},
    {"rural_years", "乡村学校任教年限"},
    {"weak_years", "薄弱学校任教年限"},
    {"title", "职称"},
    {"applies_senior", "拟申报高级职称"},
    {"title_service_done", "已满农村或薄弱学校任教年限"},
    {"title_applicants_lacking", "缺农村或薄弱学校任教年限的职称申报者"},
    {"title_applicants_served", "本年到农村或薄弱学校的职称申报者"},
    {"moved_again_while_colleague_never", "同组有人从未交流而再次交流人数"},
    {"a number of years", "年数"},
    {"a number of rotations", "交流次数"},
    {"title service: intends to apply for a senior title and lacks %d year(s) in a rural or "
     "weak school; moves to %s (title_service)",
     "职称服务：拟申报高级职称，尚缺 %d 年农村或薄弱学校任教经历；交流到 %s（title_service）"},
    {"fairness: rotated %d time(s) so far, fewer than %d colleague(s) of the group who stay (%s "
     "%s teachers free to move at %s; everyone once before anyone twice)",
     "轮岗公平：已交流 %d 次，少于留任的 %d 名同组教师（%s%s教师，%s 可交流者；人人交流一次之前"
     "不安排任何人第二次）"},
    {"priority: backbone level %s, above %d colleague(s) of the group who stay (%s %s teachers "
     "free to move at %s; priority = backbone)",
     "优先顺序：骨干级别 %s，高于留任的 %d 名同组教师（%s%s教师，%s 可交流者；priority = "
     "backbone）"},
    {"fairness: teacher %s moves with %d rotations so far while %s, interchangeable, stays with "
     "%d (everyone once before anyone twice)",
     "轮岗公平：教师 %s 已交流 %d 次仍被安排交流，而可互换的 %s 仅交流 %d 次却留任（人人交流一次"
     "之前不安排任何人第二次）"},
    /* ---- end of issue 15 (B)'s block ---- */
    /* ---- issue 15, the principals' exchange and the years (C) ---- */
    {"principal exchange", "校长交流名单"},
    {"school_kind", "学校类型"},
    {"principal_rating", "校长评价"},
    {"nine_year", "九年一贯制"},
    {"principal exchange: school %s (%s) has %d principals in teachers.csv; principal %s (%s) "
     "is not exchanged",
     "校长交流：学校 %s（%s）在教师表中有 %d 名校长，校长 %s（%s）不参与交流"},
    {"principal exchange: principal %s (%s) of %s (%s) is the only eligible principal of a "
     "primary school; not exchanged",
     "校长交流：校长 %s（%s，%s %s）是唯一符合交流条件的小学校长，无法交流"},
    {"principal exchange: principal %s (%s) of %s (%s) is the only eligible principal of a "
     "junior school; not exchanged",
     "校长交流：校长 %s（%s，%s %s）是唯一符合交流条件的初中校长，无法交流"},
    {"principal exchange: principal %s (%s) of %s (%s) is the only eligible principal of a "
     "nine-year school; not exchanged",
     "校长交流：校长 %s（%s，%s %s）是唯一符合交流条件的九年一贯制学校校长，无法交流"},
    {"principal exchange: principal %s (%s) of %s (%s) has no school to go to that the rules "
     "allow (%s); not exchanged",
     "校长交流：校长 %s（%s，%s %s）没有规则允许前往的学校（%s），无法交流"},
    {"principal exchange: principal %s (%s) of %s (%s) stays: no exchange the rules allow "
     "frees a school for them",
     "校长交流：校长 %s（%s，%s %s）留任：规则允许的交流中没有空出的学校"},
    {"principal exchange: solver: %s", "校长交流：求解器：%s"},
    {"\"%s\" is not a rating (a number from 0 to 1000)", "\"%s\" 不是有效的评价（0 到 1000 之间的数）"},
    {"  principals exchanged: %zu of %d eligible (principals.csv)\n",
     "  校长交流：交流 %zu 人，符合条件 %d 人（principals.csv）\n"},
    {"principal_exchange: the plan has no principals.csv, and the policy says "
     "principal_exchange = yes",
     "principal_exchange：方案中没有 principals.csv，而政策设定 principal_exchange = yes"},
    {"principal %s is exchanged twice", "校长 %s 被交流了两次"},
    {"principal_exchange: %s is exchanged but is not a principal",
     "principal_exchange：%s 被列入校长交流，但不是校长"},
    {"principal_exchange: principal %s is exchanged but exempt (%s)",
     "principal_exchange：校长 %s 被交流，但免于交流（%s）"},
    {"principal_min_years: principal %s has led %s for %d years, fewer than "
     "principal_min_years = %d",
     "principal_min_years：校长 %s 在 %s 任职 %d 年，少于 principal_min_years = %d"},
    {"principal_home: principal %s stays at %s", "principal_home：校长 %s 留在 %s"},
    {"principal_same_kind: principal %s goes from %s (%s) to %s (%s)",
     "principal_same_kind：校长 %s 从 %s（%s）到 %s（%s），学校类型不同"},
    {"%s: principal %s goes to %s, but %s", "%s：校长 %s 交流到 %s，但%s"},
    {"principal_one: school %s has %d principals after the exchange, %d before",
     "principal_one：学校 %s 交流后有 %d 名校长，交流前 %d 名"},
    {"principal %s leads %s, not %s", "校长 %s 任职于 %s，而不是 %s"},
    {"The principals' exchange", "校长交流"},
    {"%zu of %d eligible principals exchanged (at least principal_min_years = %d years at their "
     "school), one principal per school; the stronger toward weak and rural schools, then the "
     "shorter way. Every row in principals.csv.",
     "符合交流条件的校长 %zu/%d 人交流（在本校任职满 principal_min_years = %d 年），每校始终一名校长；"
     "评价较高的校长优先到薄弱学校和乡村学校，其次就近。完整名单见 principals.csv。"},
    {"Teacher rotation plan %d to %d", "%d—%d 年教师交流轮岗方案"},
    {"The years at a glance", "各年度概览"},
    {"One row a school year planned (years.csv); each year's plan follows, with its own "
     "summary, charts and lists.",
     "每行一个规划学年（years.csv）；其后是各年度的方案，各有摘要、图表和名单。"},
    {"School year %d", "%d 学年"},
    {"The principals' exchange list (校长交流名单), to post", "校长交流名单（公示用）"},
    {"Principals' exchange %d: public list", "%d 年校长交流名单"},
    /* ---- end of part C's block ---- */
    /* io/xlsx_reader.c: a sheet named that the workbook lacks */
    {"no sheet named \"%s\" in the workbook (its sheets: %s%s)",
     "工作簿中没有名为“%s”的工作表（其中的工作表：%s%s）"},
    {NULL, NULL}};

const char *rp_tr(rp_lang_t l, const char *en) {
  if (!en)
    return en;
  if (l == RP_LANG_ZH)
    for (const tr_t *t = table; t->en; t++)
      if (strcmp(t->en, en) == 0)
        return t->zh;
  const char *ctx = strchr(en, '\004'); /* "context\004text": the text */
  return ctx ? ctx + 1 : en;
}

const char *rp_tr_zh(const char *en) { return rp_tr(RP_LANG_ZH, en); }

rp_lang_t rp_lang_of_messages(size_t hdr_zh, size_t hdr_all) {
  if (hdr_all > 0 && 2 * hdr_zh > hdr_all)
    return RP_LANG_ZH;
  static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
  for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
    const char *v = getenv(vars[i]);
    if (v && *v)
      return strncmp(v, "zh", 2) == 0 ? RP_LANG_ZH : RP_LANG_EN;
  }
  return RP_LANG_EN;
}

const char *rp_tr_entry(size_t i, const char **zh) {
  if (i >= sizeof table / sizeof table[0] - 1)
    return NULL;
  *zh = table[i].zh;
  return table[i].en;
}

int rp_lang_parse(const char *s, rp_lang_t *out) {
  if (strcasecmp(s, "en") == 0 || strcasecmp(s, "english") == 0) {
    *out = RP_LANG_EN;
    return 0;
  }
  if (strcasecmp(s, "zh") == 0 || strcasecmp(s, "zh_CN") == 0 || strcasecmp(s, "zh-CN") == 0 ||
      strcasecmp(s, "cn") == 0 || strcmp(s, "中文") == 0) {
    *out = RP_LANG_ZH;
    return 0;
  }
  return -1;
}

const char *rp_lang_code(rp_lang_t l) { return l == RP_LANG_ZH ? "zh" : "en"; }

/* Chinese names: each is one of the aliases county.c reads. */
const char *rp_level_label(rp_lang_t l, rp_level_t v) {
  return l == RP_LANG_ZH ? (v == RP_JUNIOR ? "初中" : "小学") : rp_level_name(v);
}
const char *rp_area_label(rp_lang_t l, rp_area_t v) {
  static const char *const zh[] = {"城区", "镇区", "乡村"};
  return l == RP_LANG_ZH ? zh[v] : rp_area_name(v);
}
const char *rp_move_dir_label(rp_lang_t l, rp_move_dir_t v) {
  static const char *const zh[RP_MOVE_DIRS] = {"城区->乡村", "城区->镇区", "镇区->乡村",
                                               "到薄弱学校", "从薄弱学校", "同类学校",
                                               "乡村/镇区->城区"};
  return l == RP_LANG_ZH && v < RP_MOVE_DIRS ? zh[v] : rp_move_dir_name(v);
}
const char *rp_degree_label(rp_lang_t l, rp_degree_t v) {
  static const char *const zh[] = {"中专", "专科", "本科", "硕士", "博士"};
  return l == RP_LANG_ZH ? zh[v] : rp_degree_name(v);
}
const char *rp_backbone_label(rp_lang_t l, rp_backbone_t v) {
  static const char *const zh[] = {"无", "校级", "县级", "市级", "省级", "国家级"};
  return l == RP_LANG_ZH ? zh[v] : rp_backbone_name(v);
}
const char *rp_title_label(rp_lang_t l, rp_title_t v) {
  static const char *const zh[] = {"", "未定级", "初级", "中级", "副高级", "正高级"};
  return l == RP_LANG_ZH && (unsigned)v <= RP_TITLE_FULL_SENIOR ? zh[v] : rp_title_name(v);
}
const char *rp_role_label(rp_lang_t l, rp_role_t v) {
  static const char *const zh[] = {"教师", "校长", "副校长"};
  return l == RP_LANG_ZH ? zh[v] : rp_role_name(v);
}
const char *rp_gender_label(rp_lang_t l, char g) {
  if (l == RP_LANG_ZH)
    return g == 'F' ? "女" : "男";
  return g == 'F' ? "F" : "M";
}
const char *rp_subject_label(rp_lang_t l, rp_subject_t v) {
  char key[64]; /* the table's entry "subject\004math": its Chinese stays valid */
  if (l != RP_LANG_ZH)
    return rp_subject_name(v);
  snprintf(key, sizeof key, "subject\004%s", rp_subject_name(v));
  for (const tr_t *t = table; t->en; t++)
    if (strcmp(t->en, key) == 0)
      return t->zh;
  return rp_subject_name(v); /* no entry */
}
const char *rp_indicator_label(rp_lang_t l, int i) {
  static const char *const zh[] = {"高学历教师", "骨干教师", "体育艺术教师"};
  return l == RP_LANG_ZH ? zh[i] : rp_indicator_name((rp_indicator_t)i);
}
const char *rp_indicator_short(rp_lang_t l, int i) {
  static const char *const en[] = {"degree", "backbn", "pe_art"};
  static const char *const zh[] = {"高学历", "骨干", "体艺"};
  return l == RP_LANG_ZH ? zh[i] : en[i];
}

int rp_text_width(const char *s) {
  int w = 0;
  for (const unsigned char *p = (const unsigned char *)s; *p; p++)
    if ((*p & 0xC0) != 0x80)
      w += *p >= 0xE0 ? 2 : 1; /* three- and four-byte UTF-8: CJK and wider */
  return w;
}

int rp_fmt(char *buf, size_t n, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int r = vsnprintf(buf, n, fmt, ap);
  va_end(ap);
  if (r >= 0 && (size_t)r >= n && n > 0) {
    size_t end = n - 1; /* the cut: buf[end] is the terminating NUL */
    size_t start = end;
    while (start > 0 && ((unsigned char)buf[start - 1] & 0xC0) == 0x80)
      start--; /* back over continuation bytes to the lead byte */
    if (start > 0) {
      unsigned char lead = (unsigned char)buf[start - 1];
      size_t len = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
      if (end - (start - 1) < len)
        end = start - 1; /* the last character is incomplete: drop it */
    }
    buf[end] = '\0';
  }
  return r;
}

const char *rp_pad(char *buf, size_t n, const char *s, int width) {
  int w = rp_text_width(s);
  int fill = abs(width) > w ? abs(width) - w : 0;
  if (width < 0)
    rp_fmt(buf, n, "%*s%s", fill, "", s);
  else
    rp_fmt(buf, n, "%s%*s", s, fill, "");
  return buf;
}

void rp_cv_header(rp_lang_t l, int level, int i, char *buf, size_t n) {
  if (l == RP_LANG_ZH)
    snprintf(buf, n, "差异系数_%s_%s", rp_level_label(l, (rp_level_t)level),
             rp_indicator_label(l, i));
  else
    snprintf(buf, n, "cv_%s_%s", rp_level_name((rp_level_t)level), rp_indicator_label(l, i));
}
