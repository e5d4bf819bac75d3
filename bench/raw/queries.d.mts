export declare const QUERIES: { readonly todos: string; readonly serviceContext: string };
