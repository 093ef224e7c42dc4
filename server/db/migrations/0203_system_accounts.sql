-- The system accounts of docs/LEDGER.md exist from the start (16 sub-accounts each), so money paths
-- never need to create them: platform revenue, and the sandbox provider's payment and payout clearing.
INSERT INTO ledger_accounts (id, ledger, code, flags)
SELECT format('%s%s', prefix, lpad(n::text, 2, '0')), 'CNY', code, 0
FROM (VALUES ('platform:revenue:', 10), ('clearing:payments:sandbox:', 20), ('clearing:payouts:sandbox:', 21))
       AS kinds (prefix, code),
     generate_series(0, 15) AS n
ON CONFLICT (id) DO NOTHING;
