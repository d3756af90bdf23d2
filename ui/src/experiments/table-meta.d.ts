import "@tanstack/react-table";

declare module "@tanstack/react-table" {
  interface ColumnMeta<TData, TValue> {
    /** Right-aligned, tabular figures. */
    numeric?: boolean;
    /** Shown as "metric" or "param" in the header. */
    group?: "metric" | "param";
  }
}
