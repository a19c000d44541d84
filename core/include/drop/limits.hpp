// Every limit of drop_core, named once. Adapters and the app take theirs from here too, so
// that how they relate can be checked at compile time.
#pragma once

#include <cstddef>
#include <cstdint>

namespace drop::limits {

// Money: amounts are int64 minor units; a decimal string has at most this many characters
// (sign, 19 digits, point, 3 decimals, with room to spare).
inline constexpr std::size_t money_decimal_chars_max = 32;
// Largest minor-unit exponent in ISO 4217 (BHD, KWD, ... use 3; CLF and UYW use 4).
inline constexpr int currency_exponent_max = 4;

// Ledger: transfers in one batch (TigerBeetle's batch size; linked chains never cross a batch).
inline constexpr std::size_t ledger_batch_transfers_max = 8190;
// Accounts a batch may touch: two per transfer.
inline constexpr std::size_t ledger_batch_accounts_max = 2 * ledger_batch_transfers_max;
// Transfers waiting for the group-commit writer (backpressure beyond this).
inline constexpr std::size_t ledger_queue_transfers_max = 8 * ledger_batch_transfers_max;
// Free-text reference on a transfer (bytes).
inline constexpr std::size_t transfer_reference_bytes_max = 140;
// A pending transfer may reserve funds for at most this long.
inline constexpr std::int64_t pending_timeout_s_max = 30LL * 24 * 3600;
// Ledger entries returned per page (the API's ?limit= is 1..100).
inline constexpr std::size_t ledger_entries_page_max = 100;
// Violations `verify` reports before it stops listing them.
inline constexpr std::size_t ledger_verify_violations_max = 1000;
// Expired pendings released per expiry sweep step (one batch).
inline constexpr std::size_t ledger_expiries_per_sweep_max = ledger_batch_transfers_max;

// Users and requests.
inline constexpr std::size_t user_name_bytes_max = 200;
inline constexpr std::size_t idempotency_key_bytes_max = 255;
inline constexpr std::int64_t idempotency_retention_s = 24 * 3600;  // API.md: at least 24 h
// A running Idempotency-Key whose server died is claimable again after this long.
inline constexpr std::int64_t idempotency_lease_s = 60;
// Stored responses (replayed bodies) are at most this large.
inline constexpr std::size_t idempotency_response_bytes_max = 64 * 1024;

// Rate limiting: keys are IPs or user ids with a prefix.
inline constexpr std::size_t rate_limit_key_bytes_max = 128;
// Keys an in-memory rate-limit store keeps before it sweeps expired ones; past this (after a
// sweep) it refuses new keys rather than grow without bound.
inline constexpr std::size_t memory_rate_limit_keys_max = 1'000'000;

// FX: reference-rate decimals have at most this many digits in their coefficient and scale, so
// that every intermediate of the pricing rule fits in 128 bits.
inline constexpr int rate_coefficient_digits_max = 12;
// Currencies in one rate table (the ECB lists ~30, Norges Bank ~45).
inline constexpr std::size_t rate_table_currencies_max = 256;
// A reference-rate file read from disk (the ECB daily file is ~1.5 KiB).
inline constexpr std::size_t rate_file_bytes_max = 1 << 20;
// Amounts in a quote (source, target, fee), in minor units: NOK 10 000 000 000 000.00.
inline constexpr std::int64_t fx_amount_minor_max = 1'000'000'000'000'000;
// Spread and percentage fee, in basis points (< 10000 so that receive mode always has an answer).
inline constexpr int fx_bps_max = 9999;
// Significant digits of a displayed mid rate (the exact ratio, truncated for display).
inline constexpr int fx_mid_rate_display_digits = 12;
// A quote's time to live (DROP_QUOTE_TTL_S; default 60).
inline constexpr std::int64_t quote_ttl_s_default = 60;
inline constexpr std::int64_t quote_ttl_s_max = 24 * 3600;

// Payment QR codes: a payload fits a QR symbol in byte mode (version 40 at ECC M holds 2331
// bytes); an EPC069-12 payload fits version 13 at ECC M (331 bytes). Each EMV value is at most
// 99 characters (two-digit length).
inline constexpr std::size_t qr_payload_bytes_max = 2331;
inline constexpr std::size_t epc_payload_bytes_max = 331;
inline constexpr std::size_t emv_value_chars_max = 99;

// KYC: ids exchanged with the provider (applicant ids, externalUserId, event types).
inline constexpr std::size_t kyc_id_bytes_max = 128;
// Operator alerts waiting for Slack; when full, the oldest is dropped and counted.
inline constexpr std::size_t alert_queue_max = 256;
// Secrets (AWS Secrets Manager): a SecretString is at most 65536 bytes (the service's own
// limit) and holds at most this many settings.
inline constexpr std::size_t secret_string_bytes_max = 65536;
inline constexpr std::size_t secret_keys_max = 256;
// How long fetched secrets are served before a refresh (DROP_SECRETS_TTL_S; default 300), and
// the jitter taken off each TTL so that instances do not refresh in step (percent of the TTL).
inline constexpr std::int64_t secrets_ttl_s_default = 300;
inline constexpr std::int64_t secrets_ttl_s_max = 86'400;
inline constexpr int secrets_ttl_jitter_percent = 10;
// After a failed refresh, the cached secrets keep serving and the next attempt waits this long
// (or the TTL, when shorter).
inline constexpr std::int64_t secrets_retry_after_failure_s = 30;
// Temporary AWS credentials are fetched again this long before their Expiration.
inline constexpr std::int64_t aws_credentials_refresh_margin_s = 300;
// AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE is at most this large.
inline constexpr std::size_t aws_token_file_bytes_max = 16 * 1024;
// BankID / OpenID Connect sign-in.
// An ID token (compact JWS); BankID's are ~1.5 KiB.
inline constexpr std::size_t id_token_bytes_max = 16 * 1024;
// The discovery document, the JWKS and the token endpoint's answer.
inline constexpr std::size_t oidc_document_bytes_max = 256 * 1024;
// RSA keys kept from one JWKS, and the accepted modulus sizes.
inline constexpr std::size_t jwks_keys_max = 32;
inline constexpr int rsa_modulus_bits_min = 2048;
inline constexpr int rsa_modulus_bits_max = 8192;
// A sign-in (state, nonce, PKCE verifier) is single-use and lives this long.
inline constexpr std::int64_t sign_in_state_lifetime_s = 10 * 60;
// The discovery document is fetched again after this long (so at least daily).
inline constexpr std::int64_t oidc_discovery_max_age_s = 12 * 3600;
// An unknown kid triggers one JWKS refresh, at most once per this interval.
inline constexpr std::int64_t jwks_refresh_interval_s = 60;
// Tolerated clock difference for an ID token's exp and iat.
inline constexpr std::int64_t id_token_leeway_s = 60;
// Random bytes behind each of state, nonce and the PKCE verifier (43 base64url characters).
inline constexpr std::size_t sign_in_random_bytes = 32;

static_assert(ledger_batch_accounts_max == 2 * ledger_batch_transfers_max);
static_assert(currency_exponent_max <= 18, "10^exponent must fit in int64");
// Amount (< 10^15) times an 8-digit rate times 10^exponent difference stays far below 2^127.
static_assert(fx_amount_minor_max <= 1'000'000'000'000'000);

// Unfinished remittances the payout worker schedules per sweep (the rest wait for the next).
inline constexpr std::size_t payout_recovery_batch_max = 10'000;

}  // namespace drop::limits
