// `./namespaces?locale=<lang>`: the namespaces module with only that language's texts (scripts/vite-locale-split.ts).
type LocaleNamespaces = { namespaces: Record<string, Partial<Record<import('../../shared/schemas/kiosk-config').Language, Record<string, unknown>>>> };
declare module '*?locale=de' {
  export const namespaces: LocaleNamespaces['namespaces'];
}
declare module '*?locale=de-LS' {
  export const namespaces: LocaleNamespaces['namespaces'];
}
declare module '*?locale=en' {
  export const namespaces: LocaleNamespaces['namespaces'];
}
declare module '*?locale=tr' {
  export const namespaces: LocaleNamespaces['namespaces'];
}
declare module '*?locale=uk' {
  export const namespaces: LocaleNamespaces['namespaces'];
}
declare module '*?locale=ar' {
  export const namespaces: LocaleNamespaces['namespaces'];
}
