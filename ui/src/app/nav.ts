/** An entry of the top navigation. `prefix` marks it current for every path under it. */
export interface NavItem {
  readonly label: string;
  readonly path: string;
  readonly prefix: string;
}
