-- Issue 8: the payment inbox records an event only once it was verified and applied
-- (server/features/wallet/settle-top-up.ts). Before, a rejected delivery — an unknown top-up or a
-- wrong amount — was recorded too, and then the genuine delivery with the same event id was taken
-- for a duplicate and never applied. Forget those rows so that a genuine retry is applied now.
DELETE FROM payment_events WHERE outcome IN ('unknown_top_up', 'amount_mismatch');
