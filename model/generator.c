/* Synthetic county generation (see generator.h).
 *
 * Two passes over one PRNG stream.  The first lays out the schools: the
 * county seat (cluster 1), then each town with its central schools and the
 * village schools around it (one education group per cluster), drawing
 * enrolment, classes, non-teaching staff, position and the weak flag per
 * school kind.  The second fills every school section with teachers whose
 * backbone level, degree and PE + arts share follow per-section rates that
 * depend on the area, and whose subjects follow the section's curriculum
 * demand, so that the audit finds the gaps real counties have: PE and arts
 * teachers and county-level backbone teachers gathered in the county seat,
 * fewer graduates in rural junior sections, rural sections short of PE, the
 * arts and English.  Doubles only meet + - * /,
 * sqrt and rounding, which IEEE 754 specifies exactly (and ISO C mode keeps
 * GCC from fusing them), so the output is the same on every platform.
 */
#include "model/generator.h"

#include "model/curriculum.h"
#include "model/policy.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- PRNG: splitmix64 (Steele, Lea, Flood 2014) ------------------------ */

typedef struct {
  uint64_t s;
} rng_t;

static uint64_t rng_next(rng_t *r) {
  uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

/* Uniform in [0, 1). */
static double rng_unif(rng_t *r) {
  return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

/* Uniform integer in [lo, hi]; the modulo bias is below 2^-40 here. */
static int rng_int(rng_t *r, int lo, int hi) {
  return lo + (int)(rng_next(r) % (uint64_t)(hi - lo + 1));
}

static double rng_range(rng_t *r, double lo, double hi) {
  return lo + (hi - lo) * rng_unif(r);
}

static int rng_chance(rng_t *r, double p) { return rng_unif(r) < p; }

/* Integer in [lo, hi] leaning to the top of the range (density rising
 * linearly): county enrolment is concentrated in the larger schools. */
static int rng_skew_high(rng_t *r, int lo, int hi) {
  return lo + (int)((hi - lo) * sqrt(rng_unif(r)) + 0.5);
}

/* ---- names --------------------------------------------------------------- */

/* Chinese numeral for 1..9999 (一, 十二, 一百零五); digits beyond. */
static void cn_num(int n, char *buf, size_t len) {
  static const char *const d[] = {"零", "一", "二", "三", "四",
                                  "五", "六", "七", "八", "九"};
  static const char *const unit[] = {"千", "百", "十", ""};
  if (n <= 0 || n > 9999) {
    snprintf(buf, len, "%d", n);
    return;
  }
  int dig[4] = {n / 1000, n / 100 % 10, n / 10 % 10, n % 10};
  int started = 0, zero = 0;
  size_t used = 0;
  buf[0] = '\0';
  for (int i = 0; i < 4; i++) {
    if (dig[i] == 0) {
      zero = started;
      continue;
    }
    const char *z = zero ? "零" : "";
    /* 十一, not 一十一, for 10..19 */
    const char *dd = n < 20 && i == 2 ? "" : d[dig[i]];
    int w = snprintf(buf + used, len - used, "%s%s%s", z, dd, unit[i]);
    if (w < 0 || (size_t)w >= len - used)
      return;
    used += (size_t)w;
    zero = 0;
    started = 1;
  }
}

/* Place names from two syllable lists.  Index i maps to (a, b) with
 * b = (i / na + 7a) mod nb, a bijection for i < na * nb when nb is prime;
 * beyond that a number keeps names apart. */
static void place_name(const char *const *a, int na, const char *const *b,
                       int nb, int i, char *buf, size_t len) {
  int ia = i % na, q = i / na;
  int ib = (q + 7 * ia) % nb;
  if (q < nb)
    snprintf(buf, len, "%s%s", a[ia], b[ib]);
  else
    snprintf(buf, len, "%s%s%d", a[ia], b[ib], q / nb + 1);
}

static const char *const town_a[20] = {"东", "西", "南", "北", "新", "大", "石",
                                       "青", "白", "黄", "马", "龙", "高", "安",
                                       "平", "清", "柳", "桃", "杨", "金"};
static const char *const town_b[23] = {
    "桥", "河", "湾", "坪", "庄", "店", "集", "岭", "山", "口", "坝", "塘",
    "溪", "沟", "寨", "铺", "林", "关", "堡", "阳", "坡", "川", "营"};
static const char *const village_a[30] = {
    "张", "王", "李", "刘", "陈", "杨", "赵", "黄", "周", "吴",
    "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗",
    "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧"};
static const char *const village_b[31] = {
    "家", "庄", "湾", "岗", "寨", "坪", "冲", "沟", "垭", "岭", "屯",
    "坳", "塆", "圩", "洼", "坎", "坝", "畈", "营", "楼", "店", "桥",
    "铺", "垄", "埠", "堰", "峪", "塔", "滩", "岩", "园"};

static const char *const surnames[] = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
    "马", "朱", "胡", "郭", "何", "林", "罗", "高", "郑", "梁", "谢", "宋",
    "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁",
    "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁",
    "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金"};
static const char *const given_f[] = {
    "丽", "敏", "静", "婷", "芳", "娟", "燕", "霞", "玲", "琳", "雪", "慧",
    "颖", "洁", "倩", "萍", "红", "梅", "兰", "秀", "华", "艳", "晶", "欣",
    "悦", "佳", "怡", "文", "晓", "春", "丹", "蕾", "莉", "璐", "瑶", "月"};
static const char *const given_m[] = {
    "伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平",
    "辉", "鹏", "华", "飞", "鑫", "波", "宇", "浩", "凯", "健", "俊", "峰",
    "建", "国", "文", "志", "海", "东", "林", "晨", "博", "成", "坤", "亮"};
#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

static void person_name(rng_t *r, char gender, char *buf, size_t len) {
  const char *const *g = gender == 'F' ? given_f : given_m;
  int ng = gender == 'F' ? COUNT(given_f) : COUNT(given_m);
  const char *s = surnames[rng_int(r, 0, COUNT(surnames) - 1)];
  const char *g1 = g[rng_int(r, 0, ng - 1)];
  const char *g2 = rng_chance(r, 0.7) ? g[rng_int(r, 0, ng - 1)] : "";
  snprintf(buf, len, "%s%s%s", s, g1, g2);
}

/* ---- schools ------------------------------------------------------------- */

typedef enum {
  K_URBAN_PRI, /* 城关第N小学 */
  K_URBAN_JUN, /* 城关第N初级中学 */
  K_TOWN_PRI,  /* 镇中心小学, 镇第N小学 */
  K_TOWN_JUN,  /* 镇初级中学 */
  K_NINE,      /* 九年一贯制学校, town or rural */
  K_RURAL_PRI, /* 村完小, 100-400 students */
  K_VILLAGE,   /* 村小学 under 100 students (small-school rule) */
  K_TPOINT     /* 教学点 */
} kind_t;

typedef struct {
  rng_t rng;
  int year;
  rp_county_t *c;
  kind_t *kind;            /* per school */
  unsigned char *flagship; /* per school: county seat's famous schools */
  int group_width;
  int urban_pri, urban_jun, villages;
  rp_policy_t pol;            /* the default policy: the teachers' loads */
  const rp_curriculum_t *cur; /* the built-in curriculum */
} gen_t;

static double round1(double v) {
  double q = floor(v * 10 + 0.5) / 10;
  return q == 0 ? 0 : q; /* no -0.0 */
}

/* A point at distance rmin..rmax (km) from (cx, cy), uniform over the ring,
 * by rejection so that no trigonometry is needed. */
static void place(rng_t *r, double cx, double cy, double rmin, double rmax,
                  double *x, double *y) {
  double dx, dy, d2;
  do {
    dx = rng_range(r, -rmax, rmax);
    dy = rng_range(r, -rmax, rmax);
    d2 = dx * dx + dy * dy;
  } while (d2 > rmax * rmax || d2 < rmin * rmin);
  *x = round1(cx + dx);
  *y = round1(cy + dy);
}

static int classes_for(int students, int class_size) {
  return students > 0 ? (students + class_size - 1) / class_size : 0;
}

/* Enrolment, classes and non-teaching staff of a new school of kind k. */
static void school_size(rng_t *r, rp_school_t *s, kind_t k) {
  int *ps = &s->students[RP_PRIMARY], *js = &s->students[RP_JUNIOR];
  int *pc = &s->classes[RP_PRIMARY], *jc = &s->classes[RP_JUNIOR];
  switch (k) {
  case K_URBAN_PRI:
    *ps = rng_skew_high(r, 1200, 2400);
    *pc = classes_for(*ps, rng_int(r, 40, 45));
    s->other_staff = rng_int(r, 2, 8);
    break;
  case K_URBAN_JUN:
    *js = rng_skew_high(r, 900, 1800);
    *jc = classes_for(*js, rng_int(r, 45, 50));
    s->other_staff = rng_int(r, 2, 8);
    break;
  case K_TOWN_PRI:
    *ps = rng_skew_high(r, 400, 900);
    *pc = classes_for(*ps, rng_int(r, 35, 45));
    s->other_staff = rng_int(r, 0, 4);
    break;
  case K_TOWN_JUN:
    *js = rng_skew_high(r, 300, 800);
    *jc = classes_for(*js, rng_int(r, 40, 50));
    s->other_staff = rng_int(r, 0, 4);
    break;
  case K_NINE:
    if (s->area == RP_AREA_TOWN) {
      *ps = rng_skew_high(r, 400, 900);
      *js = rng_skew_high(r, 300, 800);
      *pc = classes_for(*ps, rng_int(r, 35, 45));
      *jc = classes_for(*js, rng_int(r, 40, 50));
      s->other_staff = rng_int(r, 1, 5);
    } else {
      *ps = rng_skew_high(r, 150, 400);
      *js = rng_skew_high(r, 100, 350);
      *pc = classes_for(*ps, rng_int(r, 20, 35));
      *jc = classes_for(*js, rng_int(r, 25, 35));
      s->other_staff = rng_int(r, 0, 2);
    }
    break;
  case K_RURAL_PRI:
    *ps = rng_skew_high(r, 100, 400);
    *pc = classes_for(*ps, rng_int(r, 20, 35));
    s->other_staff = rng_int(r, 0, 2);
    break;
  case K_VILLAGE:
    *ps = rng_int(r, 40, 99);
    *pc = classes_for(*ps, rng_int(r, 20, 35));
    s->other_staff = rng_int(r, 0, 1);
    break;
  case K_TPOINT:
    *ps = rng_int(r, 10, 49);
    *pc = rng_int(r, 1, 3);
    if (*ps > 45 * *pc)
      *pc = classes_for(*ps, 45);
    s->other_staff = 0;
    break;
  }
}

/* Appends a school of kind k in cluster `cluster` (1 = county seat), placed
 * rmin..rmax km from (cx, cy).  The id is set once the count is known. */
static rp_status_t add_school(gen_t *g, kind_t k, rp_area_t area, int cluster,
                              const char *name, double cx, double cy,
                              double rmin, double rmax) {
  rng_t *r = &g->rng;
  rp_school_t *s = &g->c->schools[g->c->n_schools];
  char grp[32];
  g->kind[g->c->n_schools++] = k;
  snprintf(grp, sizeof grp, "G%0*d", g->group_width, cluster);
  s->name = rp_strdup(name);
  s->group = rp_strdup(grp);
  if (!s->name || !s->group)
    return RP_ENOMEM;
  s->area = area;
  s->teaching_point = k == K_TPOINT;
  school_size(r, s, k);
  /* About 10% weak, mostly in the villages. */
  double pw = area == RP_AREA_URBAN  ? 0.04
              : area == RP_AREA_TOWN ? 0.06
              : k == K_TPOINT        ? 0.08
                                     : 0.15;
  s->weak = rng_chance(r, pw);
  s->has_pos = 1;
  place(r, cx, cy, rmin, rmax, &s->x_km, &s->y_km);
  return RP_OK;
}

/* The next village's name, unique in the county. */
static void village_name(gen_t *g, char *buf, size_t len) {
  place_name(village_a, COUNT(village_a), village_b, COUNT(village_b),
             g->villages++, buf, len);
}

/* Rural schools around a town centre (or the county seat), `quota`
 * sections in all. */
static rp_status_t add_rural(gen_t *g, int cluster, double cx, double cy,
                             int quota) {
  rng_t *r = &g->rng;
  char v[64], name[160];
  rp_status_t st = RP_OK;
  while (quota > 0 && st == RP_OK) {
    double x = rng_unif(r);
    kind_t k;
    village_name(g, v, sizeof v);
    if (quota >= 2 && x < 0.16) {
      k = K_NINE;
      snprintf(name, sizeof name, "%s九年一贯制学校", v);
      quota -= 2;
    } else {
      k = x < 0.64 ? K_RURAL_PRI : x < 0.83 ? K_VILLAGE : K_TPOINT;
      snprintf(name, sizeof name, "%s%s", v,
               k == K_RURAL_PRI ? "小学"
               : k == K_VILLAGE ? "村小学"
                                : "教学点");
      quota--;
    }
    st = add_school(g, k, RP_AREA_RURAL, cluster, name, cx, cy, 1.5, 8.0);
  }
  return st;
}

/* Lays out every school: about 30% of the sections in the towns, the county
 * seat 16.5% of them plus a few (25% of a 40-section county: a small county's
 * seat weighs more), the rest rural.  With these shares a county has 40 to 50
 * teachers per section, as real counties do. */
static rp_status_t plan_schools(gen_t *g, int n) {
  rp_status_t st = RP_ENOMEM;
  rng_t *r = &g->rng;
  rp_county_t *c = g->c;
  char tn[64], num[32], name[160];
  double us = 0.165 + 3.6 / n;
  int urban = (int)lround((us < 0.5 ? us : 0.5) * n);
  if (urban < 1)
    urban = 1;
  int uj = (int)lround(0.4 * urban);
  if (urban - uj < 1)
    uj = urban - 1;
  int ts = (int)lround(0.30 * n);
  if (ts > n - urban)
    ts = n - urban;
  int rs = n - urban - ts;
  int towns = ts > 0 ? (int)lround(ts / 2.4) : 0;
  if (ts > 0 && towns < 1)
    towns = 1;

  /* Every school has at least one section. */
  c->schools = calloc((size_t)n, sizeof *c->schools);
  g->kind = calloc((size_t)n, sizeof *g->kind);
  g->flagship = calloc((size_t)n, 1);
  if (!c->schools || !g->kind || !g->flagship)
    goto done;
  g->group_width = 2;
  for (int t = towns + 1; t >= 100; t /= 10)
    g->group_width++;

  for (int i = 0; i < urban; i++) {
    kind_t k = i < urban - uj ? K_URBAN_PRI : K_URBAN_JUN;
    cn_num(k == K_URBAN_PRI ? ++g->urban_pri : ++g->urban_jun, num, sizeof num);
    snprintf(name, sizeof name, "城关第%s%s", num,
             k == K_URBAN_PRI ? "小学" : "初级中学");
    if ((st = add_school(g, k, RP_AREA_URBAN, 1, name, 0, 0, 0, 3.0)) != RP_OK)
      goto done;
    /* 城关第一小学 and 城关第一初级中学 are always among the famous ones,
     * and a famous school is never a weak one. */
    int famous = (k == K_URBAN_PRI ? g->urban_pri : g->urban_jun) == 1 ||
                 rng_chance(r, 0.3);
    g->flagship[c->n_schools - 1] = (unsigned char)famous;
    if (famous)
      c->schools[c->n_schools - 1].weak = 0;
  }
  if (towns == 0) {
    st = add_rural(g, 1, 0, 0, rs);
    goto done;
  }
  /* Two sections per town (primary + junior, or one nine-year school) while
   * they last; extra town sections become second and third primaries. */
  int extra = ts > 2 * towns ? ts - 2 * towns : 0;
  for (int t = 0; t < towns; t++) {
    int cluster = t + 2;
    double cx, cy;
    place(r, 0, 0, 10.0, 30.0, &cx, &cy);
    place_name(town_a, COUNT(town_a), town_b, COUNT(town_b), t, tn, sizeof tn);
    int base = ts - 2 * t >= 2 ? 2 : ts - 2 * t;
    if (base == 2 && rng_chance(r, 0.25)) {
      snprintf(name, sizeof name, "%s镇九年一贯制学校", tn);
      if ((st = add_school(g, K_NINE, RP_AREA_TOWN, cluster, name, cx, cy, 0,
                           1.5)) != RP_OK)
        goto done;
    } else if (base >= 1) {
      snprintf(name, sizeof name, "%s镇中心小学", tn);
      if ((st = add_school(g, K_TOWN_PRI, RP_AREA_TOWN, cluster, name, cx, cy,
                           0, 1.5)) != RP_OK)
        goto done;
      if (base == 2) {
        snprintf(name, sizeof name, "%s镇初级中学", tn);
        if ((st = add_school(g, K_TOWN_JUN, RP_AREA_TOWN, cluster, name, cx, cy,
                             0, 1.5)) != RP_OK)
          goto done;
      }
    }
    int more = extra / towns + (t < extra % towns);
    for (int e = 0; e < more; e++) {
      cn_num(e + 2, num, sizeof num);
      snprintf(name, sizeof name, "%s镇第%s小学", tn, num);
      if ((st = add_school(g, K_TOWN_PRI, RP_AREA_TOWN, cluster, name, cx, cy,
                           0, 2.0)) != RP_OK)
        goto done;
    }
    int quota = rs / towns + (t < rs % towns);
    if ((st = add_rural(g, cluster, cx, cy, quota)) != RP_OK)
      goto done;
  }
  st = RP_OK;
done:
  return st;
}

/* ---- teachers ------------------------------------------------------------ */

/* Teachers of one section: about the staffing ratio, more in the county
 * seat and fewer in the villages; small schools about one per class. */
static int section_size(rng_t *r, const rp_school_t *s, kind_t k,
                        rp_level_t lv) {
  int n;
  if (k == K_VILLAGE || k == K_TPOINT) {
    n = s->classes[lv] + (k == K_VILLAGE && rng_chance(r, 0.3));
  } else {
    double ratio = lv == RP_PRIMARY ? 19.0 : 13.5;
    double f = s->area == RP_AREA_URBAN  ? rng_range(r, 1.05, 1.18)
               : s->area == RP_AREA_TOWN ? rng_range(r, 0.97, 1.08)
                                         : rng_range(r, 0.85, 0.95);
    if (s->weak)
      f *= 0.95;
    n = (int)(s->students[lv] / ratio * f + 0.5);
  }
  return n < 2 ? 2 : n;
}

/* ---- subjects ------------------------------------------------------------ */

/* A section's teachers follow its curriculum demand (model/curriculum.h,
 * with the built-in table and the default loads): they are split over the
 * subjects in proportion to demand, then perturbed as real counties are.
 * The number of PE + arts teachers comes from the indicator rate
 * (section_rate), which leaves rural sections short of PE and the arts
 * against their demand and the county seat above it; those teachers are
 * split over PE, music and art by demand, the others over the remaining
 * subjects.  Then rural sections lose part of their English and IT teachers
 * to Chinese and maths (shortage subjects, seeds 001 and 004), and some
 * urban and town sections hold a surplus of Chinese and maths teachers taken
 * from the subjects they have most above demand. */

/* Chance that a rural section's English or IT teacher teaches Chinese or
 * maths instead. */
#define RURAL_LOSS 0.4
/* Chance that an urban or town section (not a village school) has a surplus
 * of Chinese and maths, and its size: this share of the section's teachers
 * outside PE + arts, at least one. */
#define SURPLUS_CHANCE 0.25
#define SURPLUS_SHARE 0.06

/* Sets out[i] (i < n <= SPLIT_MAX) to its part of `seats` in proportion to
 * the weights w[] (largest remainders); all to out[0] when no weight is
 * positive.  Equal remainders (music and art always tie) fall in an order
 * drawn from sr. */
#define SPLIT_MAX RP_SUBJECTS
static void split_seats(rng_t *sr, int seats, const double *w, int n,
                        int *out) {
  double sum = 0, rem[SPLIT_MAX];
  uint64_t key[SPLIT_MAX];
  int given = 0;
  for (int i = 0; i < n; i++) {
    out[i] = 0;
    sum += w[i];
    key[i] = rng_next(sr);
  }
  if (seats <= 0 || n == 0)
    return;
  if (sum <= 0) {
    out[0] = seats;
    return;
  }
  for (int i = 0; i < n; i++) {
    double q = seats * w[i] / sum;
    int f = (int)floor(q);
    out[i] = f;
    given += f;
    rem[i] = q - f;
  }
  while (given < seats) {
    int best = -1;
    for (int i = 0; i < n; i++)
      if (rem[i] >= 0 &&
          (best < 0 || rem[i] > rem[best] + 1e-9 ||
           (rem[i] > rem[best] - 1e-9 && key[i] > key[best])))
        best = i;
    if (best < 0) { /* rounding left more than one round: go round again */
      for (int i = 0; i < n; i++)
        rem[i] = 0;
      continue;
    }
    out[best]++;
    rem[best] = -1;
    given++;
  }
}

/* Rural: each English and IT teacher teaches Chinese or maths instead with
 * chance RURAL_LOSS (the one with less above its demand). */
static void rural_loss(rng_t *sr, const double *d, int count[RP_SUBJECTS]) {
  static const rp_subject_t lose[] = {RP_SUBJ_ENGLISH, RP_SUBJ_IT};
  for (int i = 0; i < COUNT(lose); i++)
    for (int t = count[lose[i]]; t > 0; t--)
      if (rng_chance(sr, RURAL_LOSS)) {
        count[lose[i]]--;
        double ch = count[RP_SUBJ_CHINESE] - d[RP_SUBJ_CHINESE];
        double ma = count[RP_SUBJ_MATH] - d[RP_SUBJ_MATH];
        count[ma < ch ? RP_SUBJ_MATH : RP_SUBJ_CHINESE]++;
      }
}

/* Urban or town: `moves` teachers of the subjects furthest above their
 * demand (never below its whole part) teach Chinese and maths instead. */
static void core_surplus(int moves, const double *d, int count[RP_SUBJECTS]) {
  for (int m = 0; m < moves; m++) {
    int best = -1;
    for (int j = 0; j < RP_SUBJECTS; j++) {
      if (j == RP_SUBJ_CHINESE || j == RP_SUBJ_MATH ||
          rp_subject_is_pe_art((rp_subject_t)j) ||
          count[j] - 1 < rp_subject_need(d[j]))
        continue;
      if (best < 0 || count[j] - d[j] > count[best] - d[best])
        best = j;
    }
    if (best < 0)
      return;
    count[best]--;
    count[m % 2 ? RP_SUBJ_MATH : RP_SUBJ_CHINESE]++;
  }
}

/* How many of section (si, lv)'s n teachers teach each subject, k_pa of
 * them PE, music or art. */
static void section_subjects(const gen_t *g, rng_t *sr, size_t si,
                             rp_level_t lv, int n, int k_pa,
                             int count[RP_SUBJECTS]) {
  const rp_school_t *s = &g->c->schools[si];
  kind_t k = g->kind[si];
  static const rp_subject_t pa[3] = {RP_SUBJ_PE, RP_SUBJ_MUSIC, RP_SUBJ_ART};
  rp_subject_t rest[RP_SUBJECTS];
  double d[RP_SUBJECTS], wpa[3], wrest[RP_SUBJECTS];
  int nrest = 0, got[RP_SUBJECTS];
  for (int j = 0; j < RP_SUBJECTS; j++) {
    count[j] = 0;
    d[j] = rp_subject_demand(g->cur, &g->pol, s, lv, (rp_subject_t)j);
    if (!rp_subject_is_pe_art((rp_subject_t)j) && d[j] > 0) {
      rest[nrest] = (rp_subject_t)j;
      wrest[nrest++] = d[j];
    }
  }
  for (int i = 0; i < 3; i++)
    wpa[i] = d[pa[i]];
  /* no demand at all (no classes): Chinese takes the rest */
  if (nrest == 0) {
    rest[0] = RP_SUBJ_CHINESE;
    wrest[nrest++] = 0;
  }
  split_seats(sr, k_pa, wpa, 3, got);
  for (int i = 0; i < 3; i++)
    count[pa[i]] = got[i];
  split_seats(sr, n - k_pa, wrest, nrest, got);
  for (int i = 0; i < nrest; i++)
    count[rest[i]] += got[i];
  if (s->area == RP_AREA_RURAL) {
    rural_loss(sr, d, count);
  } else if (k != K_VILLAGE && k != K_TPOINT &&
             rng_chance(sr, SURPLUS_CHANCE)) {
    int moves = (int)((n - k_pa) * SURPLUS_SHARE + 0.5);
    core_surplus(moves < 1 ? 1 : moves, d, count);
  }
}

static rp_backbone_t draw_backbone_level(rng_t *r) {
  double x = rng_unif(r);
  return x < 0.68   ? RP_BB_COUNTY
         : x < 0.92 ? RP_BB_CITY
         : x < 0.99 ? RP_BB_PROVINCE
                    : RP_BB_NATIONAL;
}

/* Degree of one teacher; q in [0, 1] is the section's level of graduates. */
static rp_degree_t draw_degree(rng_t *r, rp_level_t lv, double q, int age) {
  double pb = lv == RP_JUNIOR ? 0.62 + 0.38 * q : 0.2 + 0.7 * q;
  double pa = lv == RP_JUNIOR ? 0.99 : 0.9 + 0.1 * q;
  if (age >= 50) { /* the older cohort trained at normal schools (中师) */
    pb *= 0.7;
    pa -= lv == RP_JUNIOR ? 0.04 : 0.1;
  }
  double x = rng_unif(r);
  if (x < pb)
    return rng_chance(r, 0.12 * q * q) ? RP_DEG_MASTER : RP_DEG_BACHELOR;
  return x < pa ? RP_DEG_ASSOCIATE : RP_DEG_SECONDARY;
}

static int draw_age(rng_t *r, char gender, rp_area_t area) {
  /* Women mostly retire at 55, men at 60; villages have many new recruits
   * (特岗) and many teachers near retirement. */
  int top = gender == 'F' ? (rng_chance(r, 0.03) ? 57 : 55) : 60;
  if (area == RP_AREA_RURAL && rng_chance(r, 0.3))
    return rng_int(r, 22, 29);
  return rng_int(r, 22, top);
}

static void shuffle(rng_t *r, size_t *v, size_t n) {
  for (size_t i = 0; i < n; i++)
    v[i] = i;
  for (size_t i = n; i > 1; i--) {
    size_t j = (size_t)(rng_next(r) % i);
    size_t t = v[i - 1];
    v[i - 1] = v[j];
    v[j] = t;
  }
}

/* Per-100-student rate for PE + arts or county-level backbone teachers:
 * plentiful in the county seat, scarce (often none) in the villages. */
static double section_rate(rng_t *r, const rp_school_t *s, kind_t k,
                           int flagship, int backbone) {
  double rate;
  if (k == K_VILLAGE || k == K_TPOINT)
    rate = rng_chance(r, backbone ? 0.85 : 0.75) ? 0 : rng_range(r, 0.5, 1.5);
  else if (s->area == RP_AREA_URBAN && backbone)
    /* the flagship schools (名校) hold most of the famous teachers */
    rate = flagship ? rng_range(r, 2.5, 3.4) : rng_range(r, 1.0, 1.8);
  else if (s->area == RP_AREA_URBAN)
    rate = rng_range(r, 0.95, 1.6);
  else if (s->area == RP_AREA_TOWN)
    rate = backbone ? rng_range(r, 0.4, 1.3) : rng_range(r, 0.6, 1.3);
  else
    rate = rng_chance(r, backbone ? 0.45 : 0.2)
               ? 0
               : (backbone ? rng_range(r, 0.1, 0.8) : rng_range(r, 0.2, 1.1));
  return s->weak ? rate * (backbone ? 0.5 : 0.7) : rate;
}

/* "S001", "T000001": prefix and n zero-padded to width digits; NULL when out
 * of memory. */
static char *make_id(char prefix, int width, size_t n) {
  char buf[48];
  int len = snprintf(buf, sizeof buf, "%c%0*zu", prefix, width, n);
  if (len < 0 || (size_t)len >= sizeof buf)
    return NULL;
  return rp_strdup(buf);
}

static const char *const exempt_young_f[] = {"孕期", "哺乳期", "病休"};

/* Appends the n teachers of school si's section lv.  `head` puts the
 * principal (and vice principals at big schools) in this section.  perm has
 * room for n entries; ids are T + zero-padded to id_width digits. */
static rp_status_t add_section(gen_t *g, size_t si, rp_level_t lv, int n,
                               int head, size_t *perm, int id_width) {
  rng_t *r = &g->rng;
  rp_county_t *c = g->c;
  const rp_school_t *s = &c->schools[si];
  kind_t k = g->kind[si];
  int small = k == K_VILLAGE || k == K_TPOINT;
  int year = g->year;
  rp_teacher_t *T = c->teachers + c->n_teachers;
  char buf[64];

  double pa_rate = section_rate(r, s, k, g->flagship[si], 0);
  double bb_rate = section_rate(r, s, k, g->flagship[si], 1);
  double q = s->area == RP_AREA_URBAN  ? rng_range(r, 0.8, 1.0)
             : s->area == RP_AREA_TOWN ? rng_range(r, 0.55, 0.85)
                                       : rng_range(r, 0.25, 0.7);
  if (s->weak)
    q = q > 0.15 ? q - 0.15 : 0;
  double need_pa = pa_rate * s->students[lv] / 100.0;
  /* Rounded up where the rate clears the target (the county seat meets it),
   * to nearest elsewhere. */
  int k_pa =
      s->area == RP_AREA_URBAN ? (int)ceil(need_pa) : (int)(need_pa + 0.5);
  int k_bb = (int)(bb_rate * s->students[lv] / 100.0 + 0.5);
  if (k_pa > n * 3 / 10 && !small)
    k_pa = n * 3 / 10;
  if (small && k_pa > 1)
    k_pa = 1;
  if (k_bb > n / 2)
    k_bb = n / 2;
  int n_vice = !head ? 0 : n >= 100 ? 3 : n >= 60 ? 2 : n >= 30 ? 1 : 0;

  for (int j = 0; j < n; j++) {
    rp_teacher_t *t = &T[j];
    c->n_teachers++;
    t->school = si;
    t->level = lv;
    t->role = head && j == 0        ? RP_ROLE_PRINCIPAL
              : head && j <= n_vice ? RP_ROLE_VICE
                                    : RP_ROLE_TEACHER;
    t->gender = rng_chance(r, lv == RP_PRIMARY ? 0.65 : 0.55) ? 'F' : 'M';
    int age = t->role == RP_ROLE_TEACHER
                  ? draw_age(r, t->gender, s->area)
                  : rng_int(r, 38, t->gender == 'F' ? 54 : 57);
    t->birth_year = year - age;
    t->subject = RP_SUBJ_OTHER;
    t->backbone = RP_BB_NONE;
  }

  /* Subjects (section_subjects): the teachers at perm[0..k_pa) teach PE,
   * music or art, the others the rest.  The counts come from a stream of
   * their own, split off here; the main stream then moves on by the draws
   * the weight table this replaced took (one per teacher outside PE + arts),
   * so that every other column of a county (ages, degrees, backbone, names)
   * is what earlier versions wrote: tests and docs/benchmarks.md pin figures
   * of generated counties, and the demo county is `generate --sections 40
   * --seed 1`. */
  int count[RP_SUBJECTS];
  rng_t sr = {rng_next(r) ^ 0x5EB1EC75C0FFEE11ULL};
  shuffle(r, perm, (size_t)n);
  for (int j = k_pa; j < n; j++)
    (void)rng_next(r);
  section_subjects(g, &sr, si, lv, n, k_pa, count);
  for (int j = 0; j < n; j++) {
    int subj = 0, pa = j < k_pa;
    while (count[subj] == 0 || pa != !!rp_subject_is_pe_art((rp_subject_t)subj))
      subj++;
    T[perm[j]].subject = (rp_subject_t)subj;
    count[subj]--;
  }

  /* County-level-or-above backbone: often the principal, then experienced
   * teachers, then anyone. */
  int got = 0;
  if (head && k_bb > 0 && rng_chance(r, 0.6)) {
    T[0].backbone = draw_backbone_level(r);
    got++;
  }
  shuffle(r, perm, (size_t)n);
  for (int pass = 0; pass < 2 && got < k_bb; pass++)
    for (int j = 0; j < n && got < k_bb; j++) {
      rp_teacher_t *t = &T[perm[j]];
      if (t->backbone != RP_BB_NONE || (pass == 0 && year - t->birth_year < 30))
        continue;
      t->backbone = draw_backbone_level(r);
      got++;
    }
  double p_school = s->area == RP_AREA_RURAL ? 0.05 : 0.09;

  for (int j = 0; j < n; j++) {
    rp_teacher_t *t = &T[j];
    int age = year - t->birth_year;
    if (t->backbone == RP_BB_NONE && age >= 26 && rng_chance(r, p_school))
      t->backbone = RP_BB_SCHOOL;
    t->degree = draw_degree(r, lv, q, age);
    /* Years at this school: up to 35, never before age 21 nor before 1940
     * (the reader's floor); skewed to recent arrivals. */
    int lo = t->birth_year + 21;
    if (lo < year - 35)
      lo = year - 35;
    if (lo < 1940)
      lo = 1940;
    if (lo > year)
      lo = year;
    int span = year - lo;
    double u = rng_unif(r);
    int at = (int)((span + 1) * (u + u * sqrt(u)) / 2);
    t->school_since = year - (at > span ? span : at);
    if (age >= 23 && rng_chance(r, 0.05)) {
      int back = rng_int(r, 1, age - 21 < 5 ? age - 21 : 5);
      t->last_rotated_year = year - back;
      t->school_since = t->last_rotated_year;
    }
    const char *ex = "";
    if (rng_chance(r, 0.02))
      ex = t->gender == 'F' && age <= 40 ? exempt_young_f[rng_int(r, 0, 2)]
                                         : "病休";
    t->id = make_id('T', id_width, (size_t)(t - c->teachers) + 1);
    person_name(r, t->gender, buf, sizeof buf);
    t->name = rp_strdup(buf);
    t->exempt = rp_strdup(ex);
    t->line = 0;
    rp_teacher_history_unknown(t);
    if (!t->id || !t->name || !t->exempt)
      return RP_ENOMEM;
  }
  return RP_OK;
}

/* ---- classes per grade (--grade-classes) --------------------------------- */

/* Share of the schools that give their classes per grade. */
#define GRADE_SHARE 0.5

/* Gives about half the schools their classes per grade (grade1_classes ...):
 * each level's classes split over its grades by largest remainders, with
 * weights that follow the area's enrolment (rural cohorts shrinking: fewer
 * classes in the lower grades; the county seat's growing), each grade's
 * weight varied by up to 15%.  A stream of its own, so that the county is
 * the one generated without them but for the subjects, which follow the
 * exact demand the grades give. */
static void set_grade_classes(gen_t *g) {
  rng_t gr = {g->rng.s ^ 0x6A09E667F3BCC909ULL};
  for (size_t i = 0; i < g->c->n_schools; i++) {
    rp_school_t *s = &g->c->schools[i];
    if (!rng_chance(&gr, GRADE_SHARE))
      continue;
    double trend = s->area == RP_AREA_URBAN  ? -0.04
                   : s->area == RP_AREA_TOWN ? 0
                                             : 0.06;
    for (int lv = 0; lv < RP_LEVELS; lv++) {
      int g0 = rp_level_first_grade((rp_level_t)lv);
      int n = rp_level_end_grade((rp_level_t)lv) - g0, out[RP_GRADES];
      double w[RP_GRADES];
      if (s->classes[lv] == 0)
        continue;
      for (int k = 0; k < n; k++)
        w[k] = (1 + trend * (k - (n - 1) / 2.0)) * rng_range(&gr, 0.85, 1.15);
      split_seats(&gr, s->classes[lv], w, n, out);
      for (int k = 0; k < n; k++)
        s->grade_classes[g0 + k] = out[k];
    }
  }
}

/* Digits needed to write n, at least `min`. */
static int id_width(size_t n, int min) {
  int d = 1;
  for (; n >= 10; n /= 10)
    d++;
  return d < min ? min : d;
}

rp_status_t rp_generate(const rp_gen_opts_t *o, rp_county_t **out) {
  rp_status_t st = RP_EUSAGE;
  gen_t g;
  rp_county_t *c;
  int *size = NULL;
  size_t *perm = NULL, total = 0, biggest = 1;
  memset(&g, 0, sizeof g);
  *out = NULL;
  if (!o || o->sections < 1 || o->sections > RP_MAX_GEN_SECTIONS ||
      o->year < 1950 || o->year > 2200)
    goto done;
  st = RP_ENOMEM;
  if (!(g.c = calloc(1, sizeof *g.c)))
    goto done;
  /* One stream for everything, seeded from all three options. */
  g.rng.s = (uint64_t)o->seed * 0xD1B54A32D192ED03ULL ^
            (uint64_t)o->sections * 0x8CB92BA72F3D8DD7ULL ^ (uint64_t)o->year;
  rng_next(&g.rng);
  g.year = o->year;
  rp_policy_default(&g.pol, o->year);
  g.cur = rp_county_curriculum(NULL);
  if ((st = plan_schools(&g, o->sections)) != RP_OK)
    goto done;
  c = g.c;
  st = RP_ENOMEM;
  for (size_t i = 0; i < c->n_schools; i++)
    if (!(c->schools[i].id = make_id('S', id_width(c->n_schools, 3), i + 1)))
      goto done;

  if (o->grade_classes)
    set_grade_classes(&g);
  size = calloc(c->n_schools * 2, sizeof *size);
  if (!size)
    goto done;
  for (size_t i = 0; i < c->n_schools; i++)
    for (int lv = 0; lv < RP_LEVELS; lv++)
      if (rp_school_has_level(&c->schools[i], (rp_level_t)lv)) {
        int n = section_size(&g.rng, &c->schools[i], g.kind[i], (rp_level_t)lv);
        size[i * 2 + lv] = n;
        total += (size_t)n;
        if ((size_t)n > biggest)
          biggest = (size_t)n;
      }
  c->teachers = calloc(total ? total : 1, sizeof *c->teachers);
  perm = malloc(biggest * sizeof *perm);
  if (!c->teachers || !perm)
    goto done;
  for (size_t i = 0; i < c->n_schools; i++) {
    /* The principal sits in the junior section of a nine-year school. */
    int head_lv = size[i * 2 + RP_JUNIOR] > 0 ? RP_JUNIOR : RP_PRIMARY;
    for (int lv = 0; lv < RP_LEVELS; lv++)
      if (size[i * 2 + lv] > 0 &&
          (st = add_section(&g, i, (rp_level_t)lv, size[i * 2 + lv],
                            lv == head_lv, perm, id_width(total, 6))) != RP_OK)
        goto done;
  }
  *out = g.c;
  g.c = NULL;
  st = RP_OK;
done:
  rp_county_free(g.c);
  free(g.kind);
  free(g.flagship);
  free(size);
  free(perm);
  return st;
}
