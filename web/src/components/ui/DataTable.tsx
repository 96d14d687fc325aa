import type { HTMLAttributes, ReactNode } from 'react';

export interface Column<T> {
  /** Stable key of the column (also `data-col` on its cells, for styling and tests). */
  key: string;
  header: ReactNode;
  cell(row: T): ReactNode;
  /** On a phone, where each row becomes a card: `label` shows the header before the value (default), `bare` only
   * the value (a title, a badge), `hide` leaves the cell out. */
  phone?: 'label' | 'bare' | 'hide';
  /** Numbers: right-aligned on wide screens. */
  numeric?: boolean;
  className?: string;
}

export interface DataTableProps<T> {
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey(row: T): string;
  /** Extra attributes of a row (`data-*` hooks, a class). */
  rowProps?(row: T): HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string | number | boolean>;
  /** Shown instead of the table when there are no rows. */
  empty?: ReactNode;
  caption?: ReactNode;
  className?: string;
  testId?: string;
  /** Keep rows as table rows even on a phone (short two-column tables that fit). */
  keepTableOnPhone?: boolean;
}

/**
 * The dashboard's one table. On a wide screen a plain, scrollable table; at phone width (styles.css, ≤ 640 px) each
 * row turns into a card, every cell on its own line led by its column's header (`data-label`), so nothing needs
 * sideways scrolling. One markup for both: tests and screen readers find the same rows and cells.
 */
export function DataTable<T>({
  rows,
  columns,
  rowKey,
  rowProps,
  empty,
  caption,
  className,
  testId,
  keepTableOnPhone,
}: DataTableProps<T>) {
  if (rows.length === 0 && empty !== undefined) return <>{empty}</>;
  const labelOf = (header: ReactNode) => (typeof header === 'string' ? header : undefined);
  return (
    <div className={`table-wrap${keepTableOnPhone ? '' : ' cards-on-phone'}`}>
      <table className={`table${className ? ` ${className}` : ''}`} data-testid={testId}>
        {caption && <caption>{caption}</caption>}
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={c.numeric ? 'num' : undefined} data-col={c.key}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} {...rowProps?.(row)}>
              {columns.map((c) => (
                <td
                  key={c.key}
                  data-col={c.key}
                  data-label={(c.phone ?? 'label') === 'label' ? labelOf(c.header) : undefined}
                  data-phone={c.phone ?? 'label'}
                  className={[c.numeric ? 'num' : '', c.className ?? ''].join(' ').trim() || undefined}
                >
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
