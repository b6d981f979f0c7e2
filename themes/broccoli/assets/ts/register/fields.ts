// Renders the extra fields a server asks for (XEP-0004) as labelled form controls, and reads their values.
// DOM edge: used by form.ts only when a server asks for more than username and password. The markup of
// a field (label, hint, error) is the <template data-field-template> of layouts/partials/register/form.html;
// the control depends on the field's type and is made here.
import { OWN_FIELDS } from "../xmpp/ibr.ts";
import { valuesFor, type DataForm, type FormField } from "../xmpp/dataform.ts";

/** A label the visitor can read: the server's label, else the field name. */
export function fieldLabel(f: FormField): string {
  return f.label || f.var;
}

function control(f: FormField, value: string[]): HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement {
  if (f.type === "list-single" || f.type === "list-multi") {
    const sel = document.createElement("select");
    sel.multiple = f.type === "list-multi";
    for (const o of f.options) {
      const opt = document.createElement("option");
      opt.value = o.value;
      opt.textContent = o.label || o.value;
      opt.selected = value.includes(o.value);
      sel.append(opt);
    }
    return sel;
  }
  if (f.type === "text-multi") {
    const ta = document.createElement("textarea");
    ta.value = value.join("\n");
    return ta;
  }
  const input = document.createElement("input");
  input.type = f.type === "boolean" ? "checkbox" : f.type === "text-private" ? "password" : f.var === "email" ? "email" : "text";
  if (f.type === "boolean") input.checked = value[0] === "1" || value[0] === "true";
  else if (f.type !== "text-private") input.value = value.join("");
  if (f.var === "email") input.autocomplete = "email";
  return input;
}

/**
 * Fills container with the form's fields (except the ones the page has itself, and hidden ones), each a
 * clone of template; `kept` are values typed before (by var), which win over the server's defaults.
 */
export function renderExtraFields(container: HTMLElement, template: HTMLTemplateElement, form: DataForm, kept: Record<string, string[]> = {}): void {
  const proto = template.content.firstElementChild!;
  container.replaceChildren();
  for (const f of form.fields) {
    if (OWN_FIELDS.has(f.var) || f.type === "hidden") continue;
    if (f.type === "fixed") {
      const p = proto.querySelector(".field-hint")!.cloneNode() as HTMLElement;
      p.textContent = f.values.join("\n");
      container.append(p);
      continue;
    }
    const id = `reg-x-${f.var.replace(/[^A-Za-z0-9_-]/g, "_")}`;
    const wrap = proto.cloneNode(true) as HTMLElement;
    if (f.type === "boolean") wrap.classList.add("field-check");
    wrap.dataset.field = `x:${f.var}`;
    const label = wrap.querySelector("label")!;
    const hint = wrap.querySelector<HTMLElement>(".field-hint")!;
    const err = wrap.querySelector<HTMLElement>("[data-error]")!;
    label.htmlFor = id;
    label.textContent = fieldLabel(f) + (f.required ? " *" : "");
    const c = control(f, valuesFor(kept, f.var) ?? f.values);
    c.id = id;
    c.name = `x:${f.var}`;
    c.required = f.required;
    err.id = `${id}-error`;
    const described = [err.id];
    if (f.desc) {
      hint.id = `${id}-hint`;
      hint.textContent = f.desc;
      described.push(hint.id);
    } else {
      hint.remove();
    }
    c.setAttribute("aria-describedby", described.join(" "));
    if (f.type === "boolean") label.before(c);
    else label.after(c);
    container.append(wrap);
  }
}

export function readExtraFields(form: DataForm, root: ParentNode): Record<string, string[]> {
  // keyed by the server's field vars: no prototype, so "__proto__" or "constructor" are plain keys
  const out = Object.create(null) as Record<string, string[]>;
  for (const f of form.fields) {
    if (OWN_FIELDS.has(f.var) || f.type === "hidden" || f.type === "fixed") continue;
    const el = root.querySelector<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(`[name="x:${CSS.escape(f.var)}"]`);
    if (!el) continue;
    if (el instanceof HTMLSelectElement) out[f.var] = [...el.selectedOptions].map((o) => o.value);
    else if (el instanceof HTMLInputElement && el.type === "checkbox") out[f.var] = [el.checked ? "1" : "0"];
    else if (el instanceof HTMLTextAreaElement) out[f.var] = el.value.split("\n");
    else out[f.var] = el.value.trim() === "" ? [] : [el.value];
  }
  return out;
}
