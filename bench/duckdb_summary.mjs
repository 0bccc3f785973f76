// The peer of `kehu summary FILE --format csv`: DuckDB's read_csv and a
// GROUP BY customer_id computing the same columns, written with COPY.
//   node duckdb_summary.mjs INPUT.csv OUTPUT.csv [mode|argmax]
// Same definitions as kehu (docs/summary.md): A = day after the last
// order; frequency, t_x and T in days; monetary_avg per purchase day;
// repeat_monetary_avg = (total - first-day spend) / (purchase days - 1),
// with the first-day spend taken as arg_min(amount, order_date), which is
// exact for kehu gen's files (one order per customer and day).
// Two formulations of the most frequent region/branch/channel:
//   mode    one pass, DuckDB's mode() aggregate (the obvious SQL);
//   argmax  the file loaded into a table, then per-(customer, value)
//           counts and arg_max (faster in DuckDB 1.1, more memory).
// Ties between equally frequent values are not broken as kehu does
// (smallest value); that changes no timing.
import { DuckDBInstance } from '@duckdb/node-api';

const [input, output, variant = 'argmax'] = process.argv.slice(2);
if (!input || !output || !['mode', 'argmax'].includes(variant)) {
  console.error('usage: node duckdb_summary.mjs INPUT.csv OUTPUT.csv [mode|argmax]');
  process.exit(2);
}
const q = (s) => `'${s.replaceAll("'", "''")}'`;
const src = variant === 'mode' ? `read_csv(${q(input)}, header = true)` : 'raw';
const modes = variant === 'mode'
  ? ', mode(region) AS region, mode(branch) AS branch, mode(channel) AS channel'
  : '';
const top = (c) => `(SELECT customer_id, arg_max(${c}, n) AS ${c}
    FROM (SELECT customer_id, ${c}, count(*) AS n FROM raw GROUP BY ALL)
    GROUP BY customer_id) AS top_${c}`;
const joins = variant === 'mode' ? '' : ['region', 'branch', 'channel']
  .map((c) => ` JOIN ${top(c)} USING (customer_id)`).join('');
const sql = `
COPY (
  WITH g AS (
    SELECT customer_id,
           min(order_date) AS first_purchase,
           max(order_date) AS last_purchase,
           count(DISTINCT order_id) AS orders,
           count(DISTINCT order_date) AS purchase_days,
           sum(amount) AS monetary_total,
           arg_min(amount, order_date) AS first_amount,
           sum(amount - cost) AS profit_total${modes}
    FROM ${src}
    GROUP BY customer_id
  ), a AS (SELECT max(last_purchase) + 1 AS as_of FROM g)
  SELECT customer_id, first_purchase, last_purchase, orders, purchase_days,
         purchase_days - 1 AS frequency,
         last_purchase - first_purchase AS t_x,
         as_of - first_purchase AS "T",
         as_of - last_purchase AS days_since_last,
         round(monetary_total, 2) AS monetary_total,
         round(monetary_total / purchase_days, 2) AS monetary_avg,
         round(CASE WHEN purchase_days > 1
               THEN (monetary_total - first_amount) / (purchase_days - 1)
               ELSE 0 END, 2) AS repeat_monetary_avg,
         round(profit_total, 2) AS profit_total,
         round(CASE WHEN monetary_total <> 0
               THEN profit_total / monetary_total ELSE 0 END, 4) AS margin,
         region, branch, channel
  FROM g${joins}, a
  ORDER BY customer_id
) TO ${q(output)} (HEADER, DELIMITER ',')`;

const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();
if (variant === 'argmax') {
  await con.run(`CREATE TEMP TABLE raw AS SELECT * FROM read_csv(${q(input)}, header = true)`);
}
await con.run(sql);
