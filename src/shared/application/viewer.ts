/** Who is making the request, as every module sees it. */
export interface Viewer {
  readonly userId: string;
  readonly role: string;
}
