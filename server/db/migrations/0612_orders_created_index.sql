-- Operators page through every order, newest first (GET /orders without a role): one index walk per page.
CREATE INDEX orders_created_idx ON orders (created_at DESC, id DESC);
