-- Issue 10, services (PRODUCT.md "Four ways to buy" §4, API.md "Services and orders"): a provider's
-- shop lists services, each with one to three packages (basic / standard / premium). A buyer's
-- order copies the package it bought (price, delivery days, revisions) into the order's milestone,
-- so editing a service changes only orders placed after the edit: these rows are simply updated.
CREATE TABLE services (
  id           uuid PRIMARY KEY,
  provider_id  uuid NOT NULL REFERENCES accounts (id),
  title        text NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
  description  text NOT NULL CHECK (length(description) BETWEEN 1 AND 10000),
  category_id  text REFERENCES categories (id),
  -- active: listed and orderable; paused: by its provider, seen only by them (and operators), not
  -- orderable; hidden: by an operator (moderation), out of every list.
  status       text NOT NULL CHECK (status IN ('active', 'paused', 'hidden')),
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL
);
-- The public list (newest first) and a provider's shop.
CREATE INDEX services_list_idx ON services (status, created_at DESC, id DESC);
CREATE INDEX services_provider_idx ON services (provider_id, created_at DESC, id DESC);
CREATE INDEX services_category_idx ON services (category_id, created_at DESC);

CREATE TABLE service_packages (
  service_id    uuid NOT NULL REFERENCES services (id),
  tier          text NOT NULL CHECK (tier IN ('basic', 'standard', 'premium')),
  -- Integer fen, as every amount (API.md "Money").
  price_minor   bigint NOT NULL CHECK (price_minor > 0 AND price_minor <= 1000000000000),
  delivery_days integer NOT NULL CHECK (delivery_days BETWEEN 1 AND 365),
  revisions     integer NOT NULL CHECK (revisions BETWEEN 0 AND 20),
  description   text NOT NULL CHECK (length(description) <= 2000),
  -- One package per tier: the tiers of a service are unique.
  PRIMARY KEY (service_id, tier)
);
-- The price sort and the "from" price read the cheapest package of each service.
CREATE INDEX service_packages_price_idx ON service_packages (service_id, price_minor);
