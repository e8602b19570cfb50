/* The pages' one style sheet and one script, embedded: the server needs no
 * file of its own and the browser nothing from outside (CSP default-src
 * 'self').  The script only polls a running job's progress. */
#include "web/web_i.h"

const char rp_web_css[] =
    "body{font-family:'Noto Sans CJK SC','Microsoft YaHei',sans-serif;margin:0;color:#222}\n"
    "header{background:#234;color:#fff;padding:.6em 1.2em;display:flex;gap:1.5em;align-items:center}\n"
    "header a{color:#fff}header .grow{flex:1}\n"
    "main{padding:1em 1.5em;max-width:72em}\n"
    "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.25em .6em;"
    "text-align:left;vertical-align:top}\n"
    "th{background:#eef}code,pre{font-family:monospace}pre{background:#f6f6f6;padding:.6em;"
    "overflow:auto;max-height:40em}\n"
    "form.inline{display:inline}.err{color:#a00}.muted{color:#777}\n"
    ".bar{width:30em;height:1.2em;border:1px solid #888;background:#eee}"
    ".bar div{height:100%;background:#4a7;width:0}\n";

const char rp_web_js[] =
    "(function(){\n"
    "  var p=document.getElementById('progress');\n"
    "  if(!p)return;\n"
    "  var api=p.getAttribute('data-api'),limit=+p.getAttribute('data-limit')||600;\n"
    "  function tick(){\n"
    "    fetch(api,{credentials:'same-origin'}).then(function(r){return r.json();})\n"
    "    .then(function(j){\n"
    "      if(j.status!=='queued'&&j.status!=='running'){location.reload();return;}\n"
    "      var g=j.progress||{};\n"
    "      document.getElementById('p-stage').textContent=g.label||g.stage||'';\n"
    "      document.getElementById('p-elapsed').textContent=g.elapsed||0;\n"
    "      document.getElementById('p-gap').textContent=g.gap||'';\n"
    "      var w=Math.min(100,100*(g.elapsed||0)/limit);\n"
    "      document.getElementById('p-bar').style.width=w+'%';\n"
    "      setTimeout(tick,1000);\n"
    "    }).catch(function(){setTimeout(tick,3000);});\n"
    "  }\n"
    "  tick();\n"
    "})();\n";
