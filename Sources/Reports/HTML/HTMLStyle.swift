/// The page's style sheet: system fonts, light or dark after the reader's setting, colours that mean something only
/// beside a word, and a print layout (no navigation, no cut figures, every detail open).
enum HTMLStyle {
    static let css = """
        :root{--bg:#ffffff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--card:#f6f8fa;--pass:#007a5a;--fail:#b34700;
        --warn:#8a5a00;--pass-bg:#e3f4ee;--fail-bg:#fbe9df;--warn-bg:#fdf1d6;color-scheme:light dark}
        @media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;
        --card:#151b23;--pass:#3fb98f;--fail:#f0883e;--warn:#e3b341;--pass-bg:#10291f;--fail-bg:#2d1a0f;
        --warn-bg:#2b220b}}
        *{box-sizing:border-box}
        body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.45 system-ui,-apple-system,"Segoe UI",
        Roboto,"Noto Sans",sans-serif}
        header{padding:16px 24px 8px;border-bottom:1px solid var(--line);position:sticky;top:0;background:var(--bg);
        z-index:2}
        h1{font-size:22px;margin:0 0 2px}h2{font-size:19px;margin:32px 0 10px;padding-top:8px;
        border-top:1px solid var(--line)}h3{font-size:16px;margin:20px 0 8px}
        .sub{color:var(--muted);margin:0 0 6px}section{scroll-margin-top:110px}
        nav a{color:var(--fg);margin-right:14px;text-decoration:none;border-bottom:1px dotted var(--muted);
        font-size:14px}
        main{padding:0 24px 40px;max-width:1500px}
        .banner{padding:10px 14px;border-radius:6px;font-size:18px;font-weight:600;margin:10px 0;
        border-left:6px solid}
        .banner.small{font-size:15px;font-weight:500;padding:6px 12px}
        .banner.pass{background:var(--pass-bg);color:var(--pass)}.banner.fail{background:var(--fail-bg);
        color:var(--fail)}.banner.warn{background:var(--warn-bg);color:var(--warn)}
        .sign{font-size:1.1em}
        .figures{display:flex;flex-wrap:wrap;gap:10px;margin:14px 0}
        .figures div{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:6px 14px;
        min-width:120px}
        .figures dt{color:var(--muted);font-size:13px}.figures dd{margin:0;font-size:20px;font-weight:600}
        .figures .bad dd{color:var(--fail)}
        .glance{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:4px 16px}
        .glance li{margin:6px 0}
        .findings{list-style:none;padding-left:0}.findings li{margin:4px 0}
        .good{color:var(--pass)}.bad{color:var(--fail)}.warn{color:var(--warn)}
        .note{color:var(--muted);font-size:13px;margin:4px 0 10px}
        .role{white-space:nowrap}.role::before{content:"";display:inline-block;width:.8em;height:.8em;
        border-radius:2px;background:var(--role);margin-right:.35em;vertical-align:-.05em;
        print-color-adjust:exact;-webkit-print-color-adjust:exact}
        .table-wrap{overflow-x:auto;margin:6px 0 12px}
        table{border-collapse:collapse;font-size:13.5px;font-variant-numeric:tabular-nums}
        caption{text-align:left;font-weight:600;padding:4px 0}
        th,td{padding:4px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
        th{background:var(--card);position:relative;white-space:nowrap}
        .num{text-align:right}
        table.sortable th{cursor:pointer}table.sortable th:hover{text-decoration:underline}
        th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
        .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(440px,1fr));gap:18px;margin:10px 0}
        figure.chart{margin:0;background:var(--card);border:1px solid var(--line);border-radius:6px;padding:8px 12px;
        break-inside:avoid}
        figure.chart figcaption{font-weight:600;font-size:14px;margin-bottom:4px}
        .plot{position:relative;width:100%}
        .plot canvas{display:block}
        dl.details{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;font-size:14px}
        dl.details dt{color:var(--muted)}dl.details dd{margin:0;word-break:break-word}
        pre.profile{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:8px 12px;
        white-space:pre-wrap;font-size:13px}
        details summary{cursor:pointer;color:var(--muted);margin:8px 0}
        footer{color:var(--muted);font-size:12px;padding:16px 24px;border-top:1px solid var(--line)}
        code{font-size:12.5px}
        @media print{header{position:static}nav{display:none}body{font-size:12px}
        .grid{grid-template-columns:1fr 1fr}section{break-before:auto}h2{break-after:avoid}
        .table-wrap{overflow:visible}}
        """
}
