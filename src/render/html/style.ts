// The page's CSS: light and dark from prefers-color-scheme, chart colours as variables, A4 print.

export const PAGE_CSS = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1b1f24;--muted:#59636e;--line:#d1d9e0;--panel:#f6f8fa;
--s0:#0969da;--s1:#bf8700;--s2:#1a7f37;--s3:#8250df;--s4:#cf222e;--s5:#1b7c83;--s6:#bc4c00;--s7:#6e7781;
--ok:#2da44e;--watch:#d4a72c;--hot:#cf222e;--band0:#dafbe1;--band1:#fff8c5;--band2:#ffebe9}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--panel:#151b23;
--s0:#4493f8;--s1:#d29922;--s2:#3fb950;--s3:#ab7df8;--s4:#f85149;--s5:#39c5cf;--s6:#db6d28;--s7:#9198a1;
--ok:#3fb950;--watch:#d29922;--hot:#f85149;--band0:#12261e;--band1:#272115;--band2:#2d1618}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:1000px;padding:1rem 1.25rem 3rem;background:var(--bg);color:var(--fg);font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.2rem;border-bottom:1px solid var(--line);padding-bottom:.2rem;margin-top:2rem}h3{font-size:1.05rem;margin:1.4rem 0 .4rem}h4{margin:.8rem 0 .3rem;font-size:.95rem}
.meta,.note,small,figcaption{color:var(--muted)}small{display:block;font-size:.78rem}
table{border-collapse:collapse;margin:.4rem 0;font-size:.88rem;width:100%}th,td{border-bottom:1px solid var(--line);padding:.25rem .45rem;text-align:left;vertical-align:top}
th[scope=row]{white-space:nowrap}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
code{font:.85em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;overflow-wrap:anywhere}
figure{margin:.6rem 0 1rem}svg.chart{width:100%;height:auto;display:block;font:11px system-ui,sans-serif}
svg text{fill:var(--fg)}svg .tick{fill:var(--muted)}svg .grid{stroke:var(--line);stroke-width:.5}svg .frame{fill:none;stroke:var(--line)}
svg .bar{fill:var(--s0)}svg .bar.binding{fill:var(--s6)}svg .bar.req{fill:var(--s7)}svg .bar.ok{fill:var(--ok)}svg .bar.watch{fill:var(--watch)}svg .bar.hot,svg .bar.over{fill:var(--hot)}
svg .band0{fill:var(--band0)}svg .band1{fill:var(--band1)}svg .band2{fill:var(--band2)}svg .limit{stroke:var(--hot);stroke-width:1.5}
svg .marker{stroke:var(--muted);stroke-dasharray:4 3}svg .here{stroke:var(--fg);stroke-width:1}
svg .line{fill:none;stroke-width:2}
${[0, 1, 2, 3, 4, 5, 6, 7].map((i) => `svg rect.s${i},svg circle.s${i}{fill:var(--s${i})}svg .line.s${i}{stroke:var(--s${i})}`).join('')}
svg .unknown{fill:var(--panel);stroke:var(--muted);stroke-dasharray:3 2}
details{margin:.3rem 0;font-size:.9rem}summary{cursor:pointer;color:var(--muted)}
.lvl-none,.lvl-low{color:var(--ok)}.lvl-medium{color:var(--watch)}.lvl-high{color:var(--hot);font-weight:600}
.whatif{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:.2rem 1rem 1rem;margin-top:1rem}
.whatif h2{border:0;margin-top:.6rem}.fields{display:grid;grid-template-columns:repeat(auto-fill,minmax(210px,1fr));gap:.6rem .9rem}
.field label{display:block;font-weight:600;font-size:.85rem}.field.wide{grid-column:1/-1}
input,select,textarea,button{font:inherit;color:inherit;background:var(--bg);border:1px solid var(--line);border-radius:4px;padding:.25rem .4rem;width:100%}
textarea{font-family:ui-monospace,monospace;font-size:.82rem}button{width:auto;padding:.3rem .9rem;cursor:pointer}
:focus-visible{outline:2px solid var(--s0);outline-offset:2px}.actions{margin-top:.7rem}
#whatif-issues ul{color:var(--hot)}.warnings{font-size:.88rem}
@page{size:A4;margin:12mm}
@media print{body{max-width:none;padding:0;font-size:10pt;background:#fff;color:#000}.whatif{display:none}
figure,table,svg{break-inside:avoid}h2,h3{break-after:avoid}.region{break-before:page}details>summary{display:none}}
`;
