import { test } from "node:test";
import assert from "node:assert/strict";
import { dangerousScheme, dangerousLinks } from "./url-scheme.ts";

test("javascript:, vbscript: and data: in any spelling a browser still reads as that scheme", () => {
  for (const [url, scheme] of [
    ["javascript:alert(1)", "javascript"],
    ["JaVaScRiPt:alert(1)", "javascript"],
    ["  javascript:alert(1)", "javascript"],
    ["\u0001javascript:alert(1)", "javascript"],
    ["java\tscript:alert(1)", "javascript"],
    ["java\nscript:alert(1)", "javascript"],
    ["&#106;avascript:alert(1)", "javascript"],
    ["&#x6A;avascript&colon;alert(1)", "javascript"],
    ["java&#x09;script:alert(1)", "javascript"],
    ["java&Tab;script:alert(1)", "javascript"],
    ["&#32;javascript:alert(1)", "javascript"],
    ["data:text/html;base64,PHNjcmlwdD4=", "data"],
    ["DATA:image/svg+xml,<svg/>", "data"],
    ["vbscript:msgbox", "vbscript"],
  ] as const) {
    assert.equal(dangerousScheme(url), scheme, JSON.stringify(url));
  }
  for (const ok of ["https://example.org/", "/technik/", "xmpp:anna@example.org", "mailto:a@b", "../x.png", "#top", "?q=javascript:1", "/javascript:x", "my-data:1"]) {
    assert.equal(dangerousScheme(ok), undefined, ok);
  }
});

test("found in inline links, images, reference definitions, autolinks and raw HTML; not in code", () => {
  const body = [
    "[a](javascript:alert(1))",
    "![b]( data:image/png;base64,AAAA )",
    '[c](<JavaScript:alert("x")> "title")',
    "[d][ref]",
    "[ref]: &#106;avascript:alert(1)",
    "<javascript:alert(1)>",
    '<a href=" javascript:alert(1)">e</a> <img src=data:x>',
    "`[f](javascript:in-code)`",
    "```\n[g](javascript:in-fence)\n```",
    "[h](https://example.org/) [i](/ok/) <https://example.org>",
  ].join("\n");
  assert.deepEqual(
    dangerousLinks(body).map((l) => `${body.slice(0, l.offset).split("\n").length} ${l.scheme} ${l.url}`),
    [
      "1 javascript javascript:alert(1)",
      "2 data data:image/png;base64,AAAA",
      '3 javascript JavaScript:alert("x")',
      "5 javascript &#106;avascript:alert(1)",
      "6 javascript javascript:alert(1)",
      "7 javascript  javascript:alert(1)",
      "7 data data:x",
    ],
  );
});
