/** The HTML report's only stylesheet, inlined (no external fonts: the report must open offline). */
export const HTML_STYLES = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1f2328;background:#fff}
header{padding:16px 24px;border-bottom:1px solid #d0d7de;background:#f6f8fa}
h1{font-size:20px;margin:0 0 6px}h2{font-size:17px;margin:24px 0 8px}h3{font-size:15px;margin:16px 0 6px}
main{padding:0 24px 32px;max-width:1200px}
table{border-collapse:collapse;margin:8px 0;font-size:13px}
th,td{border:1px solid #d0d7de;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f6f8fa}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;background:#f6f8fa;padding:0 3px;border-radius:3px}
pre{background:#f6f8fa;padding:6px 8px}
.muted{color:#656d76}
.badge{display:inline-block;padding:0 6px;border-radius:8px;font-size:12px;font-weight:600;color:#fff}
.badge.pass{background:#1a7f37}.badge.fail{background:#cf222e}.badge.warn{background:#9a6700}.badge.info{background:#0969da}
.grew{color:#cf222e}.shrank{color:#1a7f37}
.chart{max-width:760px;display:block}
.chart .grid{stroke:#eaeef2}.chart .axis{font-size:11px;fill:#424a53;font-variant-numeric:tabular-nums}
.chart .title{font-size:12px;fill:#1f2328}.chart .up{fill:#0969da}.chart .down{fill:#8250df}.chart .held{fill:none;stroke:#bf8700;stroke-width:2}
.legend{font-size:12px;color:#656d76}.sw{display:inline-block;width:10px;height:10px;margin:0 4px 0 10px}
.sw.up{background:#0969da}.sw.down{background:#8250df}.sw.held{background:#bf8700}
.findings{padding-left:18px}.findings p{margin:2px 0 8px}
`;
