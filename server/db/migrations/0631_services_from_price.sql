-- Issue 10, services: the cheapest package's price kept on the service row, so the list sorted by
-- price reads an index instead of computing a minimum for every listed service (20 000 services:
-- ~270 ms a page before, measured). Written by the two use cases that write packages
-- (create-service.ts, update-service.ts), in the same transaction.
ALTER TABLE services ADD COLUMN from_price_minor bigint;
UPDATE services s
SET from_price_minor = (SELECT min(p.price_minor) FROM service_packages p WHERE p.service_id = s.id);
ALTER TABLE services
  ALTER COLUMN from_price_minor SET NOT NULL,
  ADD CONSTRAINT services_from_price_check CHECK (from_price_minor > 0 AND from_price_minor <= 1000000000000);
CREATE INDEX services_price_idx ON services (status, from_price_minor, id);
