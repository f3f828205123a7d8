// Types for OpenCC's dictionary modules (each exports one "from to|from to|…" string).
declare module 'opencc-js/dict/*' {
  const dict: string;
  export default dict;
}
