// Renders the extra fields a server asks for (XEP-0004) as labelled form controls, and reads their values.
// DOM edge: used by form.ts only when a server asks for more than username and password.
import { OWN_FIELDS } from "../xmpp/ibr.ts";
import type { DataForm, FormField } from "../xmpp/dataform.ts";

/** A label the visitor can read: the server's label, else the field name. */
export function fieldLabel(f: FormField): string {
  return f.label || f.var;
}

export function renderExtraFields(container: HTMLElement, form: DataForm, kept: Record<string, string[]> = {}): void {
  container.replaceChildren();
  for (const f of form.fields) {
    if (OWN_FIELDS.has(f.var) || f.type === "hidden") continue;
    if (f.type === "fixed") {
      const p = document.createElement("p");
      p.className = "field-hint";
      p.textContent = f.values.join("\n");
      container.append(p);
      continue;
    }
    const id = `reg-x-${f.var.replace(/[^A-Za-z0-9_-]/g, "_")}`;
    const wrap = document.createElement("div");
    wrap.className = f.type === "boolean" ? "field field-check" : "field";
    wrap.dataset.field = `x:${f.var}`;
    const label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = fieldLabel(f) + (f.required ? " *" : "");
    let control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
    const value = kept[f.var] ?? f.values;
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
      control = sel;
    } else if (f.type === "text-multi") {
      const ta = document.createElement("textarea");
      ta.value = value.join("\n");
      control = ta;
    } else {
      const input = document.createElement("input");
      input.type = f.type === "boolean" ? "checkbox" : f.type === "text-private" ? "password" : f.var === "email" ? "email" : "text";
      if (f.type === "boolean") input.checked = value[0] === "1" || value[0] === "true";
      else if (f.type !== "text-private") input.value = value.join("");
      if (f.var === "email") input.autocomplete = "email";
      control = input;
    }
    control.id = id;
    control.name = `x:${f.var}`;
    control.required = f.required;
    const err = document.createElement("p");
    err.className = "field-error";
    err.id = `${id}-error`;
    err.dataset.error = "";
    err.hidden = true;
    const described = [err.id];
    if (f.desc) {
      const hint = document.createElement("p");
      hint.className = "field-hint";
      hint.id = `${id}-hint`;
      hint.textContent = f.desc;
      described.push(hint.id);
      wrap.append(hint);
    }
    control.setAttribute("aria-describedby", described.join(" "));
    if (f.type === "boolean") wrap.prepend(control, label);
    else wrap.prepend(label, control);
    wrap.append(err);
    container.append(wrap);
  }
}

export function readExtraFields(form: DataForm, root: ParentNode): Record<string, string[]> {
  const out: Record<string, string[]> = {};
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
