/** Text for HTML content and attribute values: route files and call ids are the operator's (or a caller's) words. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A tagged template whose interpolations are escaped, except `raw(...)` ones. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): RawHtml {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += (Array.isArray(value) ? value.map(asHtml).join('') : asHtml(value)) + strings[i + 1]!;
  });
  return new RawHtml(out);
}

export class RawHtml {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export const raw = (text: string) => new RawHtml(text);

function asHtml(value: unknown): string {
  if (value instanceof RawHtml) return value.text;
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(value);
}

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 0; color: #1d2733; background: #f6f7f9; }
header { background: #1d2733; color: #fff; padding: 10px 24px; display: flex; gap: 24px; align-items: baseline; }
header a { color: #cfe3ff; text-decoration: none; } header strong { font-size: 16px; }
main { padding: 16px 24px; max-width: 1180px; }
section { background: #fff; border: 1px solid #dde2e8; border-radius: 6px; padding: 12px 16px; margin-bottom: 16px; }
h1 { font-size: 20px; margin: 4px 0 12px; } h2 { font-size: 16px; margin: 0 0 8px; }
table { border-collapse: collapse; } td, th { padding: 3px 10px 3px 0; text-align: left; vertical-align: top; }
th { font-weight: 600; color: #536170; } .muted { color: #6b7785; } code, pre { font-family: ui-monospace, monospace; font-size: 12.5px; }
pre { background: #0f1720; color: #e6edf3; padding: 10px 12px; border-radius: 4px; overflow-x: auto; white-space: pre-wrap; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 18px; margin-top: 8px; } .swatch { display: inline-block; width: 14px; height: 14px; border-radius: 3px; vertical-align: -2px; margin-right: 6px; }
.graph { display: flex; gap: 28px; align-items: flex-start; overflow-x: auto; } .column { display: flex; flex-direction: column; gap: 12px; }
.node { border: 1px solid #9fb2c6; border-radius: 6px; padding: 8px 10px; min-width: 220px; max-width: 420px; background: #fbfcfe; }
.node h3 { margin: 0 0 4px; font-size: 14px; } .node .prompt { font-style: italic; color: #3d4b5a; margin-bottom: 4px; }
.edge { display: grid; grid-template-columns: 76px 1fr; column-gap: 4px; } .edge .key { color: #536170; }
form.call label { display: inline-block; margin: 0 14px 8px 0; } form.call input[type=text] { width: 190px; }
button { background: #1f6feb; color: #fff; border: 0; border-radius: 4px; padding: 6px 14px; cursor: pointer; }
.bad { color: #b42318; } .good { color: #067647; }
`;

export function htmlPage(title: string, body: RawHtml, script = ''): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${STYLE}</style></head>
<body><header><strong>kazoo-pivot local</strong><a href="/console">routes</a><a href="/console/calls">recent calls</a></header>
<main>${body.text}</main>${script ? `<script>${script}</script>` : ''}</body></html>`;
}
