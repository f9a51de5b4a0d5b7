/** A .ps1 file imported as its text (esbuild's text loader, esbuild.config.mjs). */
declare module '*.ps1' {
  const text: string;
  export default text;
}
