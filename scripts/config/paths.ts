// Where things are. Every script resolves paths from here, never from its cwd.
import { fileURLToPath } from "node:url";
import path from "node:path";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const themeDir = path.join(root, "themes/broccoli");
export const tsDir = path.join(themeDir, "assets/ts");
export const scssDir = path.join(themeDir, "assets/scss");
export const distDir = path.join(root, "assets/dist");
export const publicDir = path.join(root, "public");
export const contentDir = path.join(root, "content");
export const configFile = path.join(root, "hugo.toml");
