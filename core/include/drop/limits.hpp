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
// Free-text reference on a transfer (bytes).
inline constexpr std::size_t transfer_reference_bytes_max = 140;
// A pending transfer may reserve funds for at most this long.
inline constexpr std::int64_t pending_timeout_s_max = 30LL * 24 * 3600;

// Rate limiting: keys are IPs or user ids with a prefix.
inline constexpr std::size_t rate_limit_key_bytes_max = 128;

// Payment QR codes: a payload fits a QR symbol in byte mode (version 40 at ECC M holds 2331
// bytes); an EPC069-12 payload fits version 13 at ECC M (331 bytes). Each EMV value is at most
// 99 characters (two-digit length).
inline constexpr std::size_t qr_payload_bytes_max = 2331;
inline constexpr std::size_t epc_payload_bytes_max = 331;
inline constexpr std::size_t emv_value_chars_max = 99;

static_assert(ledger_batch_accounts_max == 2 * ledger_batch_transfers_max);
static_assert(currency_exponent_max <= 18, "10^exponent must fit in int64");

}  // namespace drop::limits
