import { test } from "node:test";
import assert from "node:assert/strict";
import { parse, serialize } from "./xml.ts";
import { parseForm, submitForm, missingRequired } from "./dataform.ts";

const FORM = parse(
  "<x xmlns='jabber:x:data' type='form'><title>New account</title><instructions>Line 1</instructions><instructions>Line 2</instructions><field type='hidden' var='FORM_TYPE'><value>jabber:iq:register</value></field><field type='fixed'><value>Read this</value></field><field type='list-single' var='lang' label='Language'><option label='Deutsch'><value>de</value></option><option><value>en</value></option><value>de</value></field><field type='text-single' var='email' label='Email'><desc>For resets</desc><required/></field><field type='boolean' var='news'/></x>",
);

test("reads title, instructions, FORM_TYPE and fields with options, desc, required", () => {
  const f = parseForm(FORM);
  assert.equal(f.title, "New account");
  assert.deepEqual(f.instructions, ["Line 1", "Line 2"]);
  assert.equal(f.formType, "jabber:iq:register");
  const lang = f.fields.find((x) => x.var === "lang");
  assert.deepEqual(lang?.options, [
    { label: "Deutsch", value: "de" },
    { label: "en", value: "en" },
  ]);
  assert.deepEqual(lang?.values, ["de"]);
  const email = f.fields.find((x) => x.var === "email");
  assert.equal(email?.required, true);
  assert.equal(email?.desc, "For resets");
  assert.equal(f.fields.find((x) => x.var === "news")?.required, false);
});

test("the submit form echoes hidden fields, keeps defaults, leaves out fixed fields", () => {
  const xml = serialize(submitForm(parseForm(FORM), { email: ["a@b.c"], news: ["1"] }));
  assert.equal(
    xml,
    `<x xmlns="jabber:x:data" type="submit"><field var="FORM_TYPE" type="hidden"><value>jabber:iq:register</value></field><field var="lang"><value>de</value></field><field var="email"><value>a@b.c</value></field><field var="news"><value>1</value></field></x>`,
  );
});

test("missing required fields", () => {
  const f = parseForm(FORM);
  assert.deepEqual(missingRequired(f, {}), ["email"]);
  assert.deepEqual(missingRequired(f, { email: ["  "] }), ["email"]);
  assert.deepEqual(missingRequired(f, { email: ["x"] }), []);
});

test("field vars named like Object.prototype members are ordinary vars", () => {
  const form = parseForm(
    parse(
      "<x xmlns='jabber:x:data' type='form'><field var='constructor' type='text-single'><value>default</value></field><field var='toString' type='text-single'><required/></field><field var='__proto__' type='text-single'><required/></field></x>",
    ),
  );
  assert.deepEqual(missingRequired(form, {}), ["toString", "__proto__"]);
  assert.equal(serialize(submitForm(form, {})), `<x xmlns="jabber:x:data" type="submit"><field var="constructor"><value>default</value></field><field var="toString"/><field var="__proto__"/></x>`);
  assert.deepEqual(missingRequired(form, { toString: ["a"], ["__proto__"]: ["b"] }), []);
});
