// The API's Quote shape (API.md "Quote"): id, source, target, fee, rate, mid_rate, spread_bps,
// rate_as_of, created_at, expires_at, status (as seen at `now`).
#pragma once

#include <string>

#include "drop/fx/pricing.hpp"
#include "drop/fx/quote.hpp"
#include "json/json.hpp"

namespace drop::api {

inline void write_quote(json::Writer& writer, const fx::Quote& quote, Timestamp now) {
  writer.StartObject();
  json::write_key(writer, "id");
  json::write_string(writer, quote.id);
  json::write_key(writer, "source");
  json::write_money(writer, quote.source);
  json::write_key(writer, "target");
  json::write_money(writer, quote.target);
  json::write_key(writer, "fee");
  json::write_money(writer, quote.fee);
  json::write_key(writer, "rate");
  json::write_string(writer, quote.rate.to_string());
  json::write_key(writer, "mid_rate");
  json::write_string(writer, fx::mid_rate_for_display(quote.mid).to_string());
  json::write_key(writer, "spread_bps");
  writer.Int(quote.spread_bps);
  json::write_key(writer, "rate_as_of");
  json::write_string(writer, format_date(quote.rate_as_of));
  json::write_key(writer, "created_at");
  json::write_string(writer, format_rfc3339(quote.created_at));
  json::write_key(writer, "expires_at");
  json::write_string(writer, format_rfc3339(quote.expires_at));
  json::write_key(writer, "status");
  json::write_string(writer, fx::to_string(quote.status_at(now)));
  writer.EndObject();
}

inline std::string quote_json(const fx::Quote& quote, Timestamp now) {
  json::Buffer buffer;
  json::Writer writer(buffer);
  write_quote(writer, quote, now);
  return json::to_string(buffer);
}

}  // namespace drop::api
