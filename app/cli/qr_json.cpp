#include "cli/qr_json.hpp"

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include "cli/charset.hpp"
#include "drop/qr/drop_scheme.hpp"
#include "json/json.hpp"

namespace drop::cli {

namespace {

using json::write_key;
using json::write_string;

std::string two_digits(std::uint8_t id) { return fmt::format("{:02d}", id); }

// Names of the 62 Additional Data sub-fields 01..09 (EMV MPM); others are keyed by id.
constexpr std::string_view kAdditionalNames[] = {"",
                                                 "bill_number",
                                                 "mobile_number",
                                                 "store_label",
                                                 "loyalty_number",
                                                 "reference_label",
                                                 "customer_label",
                                                 "terminal_label",
                                                 "purpose",
                                                 "consumer_data_request"};

void write_tags(json::Writer& writer, const qr::EmvPayload& payload) {
  write_key(writer, "tags");
  writer.StartArray();
  for (const qr::EmvObject& object : payload.top_level()) {
    writer.StartObject();
    write_key(writer, "id");
    write_string(writer, two_digits(object.id));
    if (object.is_template) {
      write_key(writer, "template");
      writer.StartArray();
      for (const qr::EmvObject& child : payload.children(object)) {
        writer.StartObject();
        write_key(writer, "id");
        write_string(writer, two_digits(child.id));
        write_key(writer, "value");
        write_string(writer, payload.value(child));
        writer.EndObject();
      }
      writer.EndArray();
    } else {
      write_key(writer, "value");
      write_string(writer, payload.value(object));
    }
    writer.EndObject();
  }
  writer.EndArray();
}

void write_merchant_accounts(json::Writer& writer, const qr::EmvPayload& payload) {
  write_key(writer, "merchant_accounts");
  writer.StartArray();
  for (const qr::EmvObject& object : payload.top_level()) {
    if (object.id < 2 || object.id > 51) continue;
    writer.StartObject();
    write_key(writer, "tag");
    write_string(writer, two_digits(object.id));
    if (!object.is_template) {
      write_key(writer, "value");
      write_string(writer, payload.value(object));
    } else {
      write_key(writer, "guid");
      const qr::EmvObject* guid = payload.find_child(object, 0);
      write_string(writer, guid == nullptr ? std::string_view() : payload.value(*guid));
      write_key(writer, "fields");
      writer.StartObject();
      for (const qr::EmvObject& child : payload.children(object)) {
        if (child.id == 0) continue;
        write_key(writer, two_digits(child.id));
        write_string(writer, payload.value(child));
      }
      writer.EndObject();
    }
    writer.EndObject();
  }
  writer.EndArray();
}

void write_optional(json::Writer& writer, const qr::EmvPayload& payload, std::uint8_t id,
                    std::string_view key) {
  const qr::EmvObject* object = payload.find(id);
  if (object == nullptr) return;
  write_key(writer, key);
  write_string(writer, payload.value(*object));
}

void write_sub_fields(json::Writer& writer, const qr::EmvPayload& payload, std::uint8_t id,
                      std::string_view key, std::span<const std::string_view> names) {
  const qr::EmvObject* object = payload.find(id);
  if (object == nullptr || !object->is_template) return;
  write_key(writer, key);
  writer.StartObject();
  for (const qr::EmvObject& child : payload.children(*object)) {
    const bool named = child.id < names.size() && !names[child.id].empty();
    write_key(writer, named ? std::string(names[child.id]) : two_digits(child.id));
    write_string(writer, payload.value(child));
  }
  writer.EndObject();
}

}  // namespace

std::string emv_to_json(const qr::EmvPayload& payload, std::string_view strict_error) {
  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartObject();
  write_key(writer, "format");
  write_string(writer, "emv-mpm");
  const std::string_view initiation = payload.value_of(1);
  if (initiation == "11" || initiation == "12") {
    write_key(writer, "point_of_initiation");
    write_string(writer, initiation == "11" ? "static" : "dynamic");
  }
  write_merchant_accounts(writer, payload);
  write_optional(writer, payload, 52, "merchant_category_code");
  if (payload.currency()) {
    write_key(writer, "currency");
    write_string(writer, payload.currency()->code());
  } else {
    write_optional(writer, payload, 53, "currency");
  }
  if (payload.amount()) {
    write_key(writer, "amount");
    json::write_money(writer, *payload.amount());
  }
  write_optional(writer, payload, 54, "amount_text");
  write_optional(writer, payload, 58, "country");
  write_optional(writer, payload, 59, "merchant_name");
  write_optional(writer, payload, 60, "merchant_city");
  write_optional(writer, payload, 61, "postal_code");
  write_sub_fields(writer, payload, 62, "additional_data", kAdditionalNames);
  static constexpr std::string_view kLanguageNames[] = {"language", "merchant_name",
                                                        "merchant_city"};
  write_sub_fields(writer, payload, 64, "merchant_information_language", kLanguageNames);
  write_tags(writer, payload);
  write_key(writer, "canonical_order");
  writer.Bool(payload.is_canonical_order());
  write_key(writer, "strict");
  writer.Bool(strict_error.empty());
  if (!strict_error.empty()) {
    write_key(writer, "strict_violation");
    write_string(writer, strict_error);
  }
  write_key(writer, "payable");
  writer.Bool(qr::read_drop_qr(payload).has_value());
  writer.EndObject();
  return json::to_string(buffer);
}

Result<std::string, std::string> epc_to_json(const qr::EpcTransfer& transfer) {
  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartObject();
  write_key(writer, "format");
  write_string(writer, "epc-sct");
  write_key(writer, "version");
  write_string(writer, transfer.version == 1 ? "001" : "002");
  write_key(writer, "charset");
  writer.Int(transfer.charset);
  const std::pair<std::string_view, const std::string*> texts[] = {
      {"bic", &transfer.bic},         {"name", &transfer.name},
      {"iban", &transfer.iban},       {"amount_text", &transfer.amount_text},
      {"purpose", &transfer.purpose}, {"reference", &transfer.reference},
      {"text", &transfer.text},       {"information", &transfer.information}};
  for (const auto& [key, value] : texts) {
    const bool always = key == "bic" || key == "name" || key == "iban";
    if (value->empty() && !always) continue;
    const auto utf8 = epc_to_utf8(*value, transfer.charset);
    if (!utf8)
      return Err{fmt::format("EPC field {} is not valid in charset {}", key, transfer.charset)};
    write_key(writer, key);
    write_string(writer, *utf8);
    if (key == "iban" && transfer.amount) {
      write_key(writer, "amount");
      json::write_money(writer, *transfer.amount);
    }
  }
  write_key(writer, "line_separator");
  write_string(writer, transfer.crlf ? "\r\n" : "\n");
  write_key(writer, "line_count");
  writer.Int(transfer.line_count);
  write_key(writer, "payable");
  writer.Bool(false);
  writer.EndObject();
  return json::to_string(buffer);
}

}  // namespace drop::cli
