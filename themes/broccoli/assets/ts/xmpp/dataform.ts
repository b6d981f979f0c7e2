// XEP-0004 Data Forms: read the form a server sends, build the submitted form.
import { el, child, children, text, type XEl } from "./xml.ts";

export const NS_DATA = "jabber:x:data";
/** XEP-0221 media element (CAPTCHA images, audio) */
export const NS_MEDIA = "urn:xmpp:media-element";

export interface FormField {
  var: string;
  type: string;
  label: string;
  desc?: string;
  required: boolean;
  values: string[];
  options: { label: string; value: string }[];
  /** the field carries media (XEP-0221), e.g. a CAPTCHA image */
  media: boolean;
}

export interface DataForm {
  type: string;
  title: string;
  instructions: string[];
  /** value of the hidden FORM_TYPE field, if any */
  formType: string;
  fields: FormField[];
}

export function parseForm(x: XEl): DataForm {
  const fields: FormField[] = children(x, "field", NS_DATA).map((f) => {
    const field: FormField = {
      var: f.attrs.var ?? "",
      type: f.attrs.type ?? "text-single",
      label: f.attrs.label ?? "",
      required: Boolean(child(f, "required", NS_DATA)),
      values: children(f, "value", NS_DATA).map((v) => text(v)),
      options: children(f, "option", NS_DATA).map((o) => ({ label: o.attrs.label ?? text(child(o, "value", NS_DATA)), value: text(child(o, "value", NS_DATA)) })),
      media: Boolean(child(f, "media", NS_MEDIA)),
    };
    const desc = text(child(f, "desc", NS_DATA)).trim();
    if (desc) field.desc = desc;
    return field;
  });
  const ft = fields.find((f) => f.var === "FORM_TYPE" && f.type === "hidden");
  return {
    type: x.attrs.type ?? "form",
    title: text(child(x, "title", NS_DATA)).trim(),
    instructions: children(x, "instructions", NS_DATA)
      .map((i) => text(i).trim())
      .filter(Boolean),
    formType: ft?.values[0] ?? "",
    fields,
  };
}

/**
 * The values given for a field var, when the caller gave some. The vars come from the server, so a var
 * such as "constructor" or "toString" must not find something on Object.prototype.
 */
export function valuesFor(values: Record<string, string[]>, name: string): string[] | undefined {
  return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : undefined;
}

/**
 * The submitted form (type="submit"): FORM_TYPE and other hidden fields echoed with their values,
 * every other field with the given values (or its default). Fixed fields are never sent.
 */
export function submitForm(form: DataForm, values: Record<string, string[]>): XEl {
  const fields = form.fields
    .filter((f) => f.var && f.type !== "fixed")
    .map((f) => {
      const vals = f.type === "hidden" ? f.values : (valuesFor(values, f.var) ?? f.values);
      return el("field", { var: f.var, type: f.type === "hidden" ? "hidden" : undefined }, ...vals.map((v) => el("value", {}, v)));
    });
  return el("x", { xmlns: NS_DATA, type: "submit" }, ...fields);
}

/** Required fields (not hidden or fixed) that have no value; their vars. */
export function missingRequired(form: DataForm, values: Record<string, string[]>): string[] {
  return form.fields
    .filter((f) => f.required && f.type !== "hidden" && f.type !== "fixed")
    .filter((f) => !(valuesFor(values, f.var) ?? f.values).some((v) => v.trim() !== ""))
    .map((f) => f.var);
}
