// Decoded-QR JSON -> payload (the reverse of qr_json.cpp).
#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include "cli/charset.hpp"
#include "cli/qr_json.hpp"

namespace drop::cli {

namespace {

using Value = rapidjson::Value;
using Failure = Err<std::string>;

constexpr int kTemplateDepthMax = 3;

std::optional<std::string> string_member(const Value& object, const char* key) {
  const auto found = object.FindMember(key);
  if (found == object.MemberEnd() || !found->value.IsString()) return std::nullopt;
  return std::string(found->value.GetString(), found->value.GetStringLength());
}

Result<qr::EmvField, std::string> read_tag(const Value& tag, int depth) {
  if (!tag.IsObject()) return Failure{"each tag must be an object"};
  const auto id = string_member(tag, "id");
  if (!id) return Failure{"each tag needs a string \"id\""};
  const auto nested = tag.FindMember("template");
  if (nested == tag.MemberEnd()) {
    const auto value = string_member(tag, "value");
    if (!value)
      return Failure{fmt::format("tag {} needs a string \"value\" or a \"template\"", *id)};
    return qr::EmvField::primitive(*id, *value);
  }
  if (!nested->value.IsArray() || depth >= kTemplateDepthMax) {
    return Failure{fmt::format("tag {}: \"template\" must be an array of tags", *id)};
  }
  std::vector<qr::EmvField> children;
  for (const Value& child : nested->value.GetArray()) {
    auto field = read_tag(child, depth + 1);
    if (!field.ok()) return field;
    children.push_back(std::move(field).value());
  }
  return qr::EmvField::make_template(*id, std::move(children));
}

Result<std::optional<Money>, std::string> read_money(const Value& object, const char* key) {
  const auto found = object.FindMember(key);
  if (found == object.MemberEnd()) return std::optional<Money>();
  const Value& money = found->value;
  if (!money.IsObject() || !money.HasMember("amount") || !money["amount"].IsInt64() ||
      !string_member(money, "currency")) {
    return Failure{
        fmt::format("\"{}\" must be {{\"amount\": <minor units>, \"currency\": \"XXX\"}}", key)};
  }
  const auto currency = Currency::from_code(*string_member(money, "currency"));
  if (!currency.ok()) return Failure{fmt::format("\"{}\": unknown currency", key)};
  return std::optional<Money>(Money(money["amount"].GetInt64(), *currency));
}

// A new EMV code in canonical order from the named fields.
Result<std::vector<qr::EmvField>, std::string> build_from_names(const Value& document) {
  qr::EmvBuilder builder;
  if (const auto initiation = string_member(document, "point_of_initiation")) {
    if (*initiation != "static" && *initiation != "dynamic") {
      return Failure{"\"point_of_initiation\" is \"static\" or \"dynamic\""};
    }
    builder.set("01", *initiation == "static" ? "11" : "12");
  }
  const auto accounts = document.FindMember("merchant_accounts");
  if (accounts != document.MemberEnd() && accounts->value.IsArray()) {
    for (const Value& account : accounts->value.GetArray()) {
      const auto tag = account.IsObject() ? string_member(account, "tag") : std::nullopt;
      if (!tag) return Failure{"each merchant account needs a string \"tag\""};
      if (const auto value = string_member(account, "value")) {
        builder.set(*tag, *value);
        continue;
      }
      std::vector<qr::EmvField> fields{
          qr::EmvField::primitive("00", string_member(account, "guid").value_or(""))};
      const auto sub = account.FindMember("fields");
      if (sub != account.MemberEnd() && sub->value.IsObject()) {
        for (const auto& member : sub->value.GetObject()) {
          if (!member.value.IsString()) return Failure{"merchant account fields are strings"};
          fields.push_back(
              qr::EmvField::primitive(member.name.GetString(), member.value.GetString()));
        }
      }
      builder.set_template(*tag, std::move(fields));
    }
  }
  const std::pair<const char*, const char*> simple[] = {
      {"merchant_category_code", "52"}, {"country", "58"},     {"merchant_name", "59"},
      {"merchant_city", "60"},          {"postal_code", "61"}, {"amount_text", "54"}};
  for (const auto& [key, id] : simple) {
    if (const auto value = string_member(document, key)) builder.set(id, *value);
  }
  if (const auto currency = string_member(document, "currency")) {
    const auto known = Currency::from_code(*currency);
    builder.set("53", known.ok() ? fmt::format("{:03d}", known->numeric()) : *currency);
  }
  auto amount = read_money(document, "amount");
  if (!amount.ok()) return Failure{amount.error()};
  if (*amount) builder.set_amount(**amount);
  const auto additional = document.FindMember("additional_data");
  if (additional != document.MemberEnd() && additional->value.IsObject()) {
    static constexpr std::pair<std::string_view, const char*> kIds[] = {
        {"bill_number", "01"},    {"mobile_number", "02"},   {"store_label", "03"},
        {"loyalty_number", "04"}, {"reference_label", "05"}, {"customer_label", "06"},
        {"terminal_label", "07"}, {"purpose", "08"},         {"consumer_data_request", "09"}};
    std::vector<qr::EmvField> fields;
    for (const auto& member : additional->value.GetObject()) {
      std::string id = member.name.GetString();
      for (const auto& [name, number] : kIds) {
        if (id == name) id = number;
      }
      if (!member.value.IsString()) return Failure{"additional_data values are strings"};
      fields.push_back(qr::EmvField::primitive(id, member.value.GetString()));
    }
    builder.set_template("62", std::move(fields));
  }
  return builder.fields();
}

Result<std::string, std::string> encode_emv_json(const Value& document) {
  std::vector<qr::EmvField> fields;
  const auto tags = document.FindMember("tags");
  if (tags != document.MemberEnd()) {
    if (!tags->value.IsArray()) return Failure{"\"tags\" must be an array"};
    for (const Value& tag : tags->value.GetArray()) {
      auto field = read_tag(tag, 0);
      if (!field.ok()) return Failure{field.error()};
      fields.push_back(std::move(field).value());
    }
  } else {
    auto built = build_from_names(document);
    if (!built.ok()) return Failure{built.error()};
    fields = std::move(built).value();
  }
  auto encoded = qr::encode_emv(fields);
  if (!encoded.ok()) return Failure{qr::describe(encoded.error())};
  const auto check = qr::decode_emv(*encoded, qr::EmvProfile::lenient_profile());
  if (!check.ok()) return Failure{qr::describe(check.error())};
  return std::move(encoded).value();
}

Result<std::string, std::string> encode_epc_json(const Value& document) {
  qr::EpcTransfer transfer;
  const auto version = string_member(document, "version").value_or("002");
  if (version != "001" && version != "002") return Failure{"\"version\" is \"001\" or \"002\""};
  transfer.version = version == "001" ? 1 : 2;
  const auto charset = document.FindMember("charset");
  if (charset != document.MemberEnd()) {
    if (!charset->value.IsInt() || charset->value.GetInt() < 1 || charset->value.GetInt() > 8) {
      return Failure{"\"charset\" is 1..8"};
    }
    transfer.charset = charset->value.GetInt();
  }
  const std::pair<const char*, std::string*> texts[] = {
      {"bic", &transfer.bic},         {"name", &transfer.name},
      {"iban", &transfer.iban},       {"amount_text", &transfer.amount_text},
      {"purpose", &transfer.purpose}, {"reference", &transfer.reference},
      {"text", &transfer.text},       {"information", &transfer.information}};
  for (const auto& [key, target] : texts) {
    const auto value = string_member(document, key);
    if (!value) continue;
    const auto converted = utf8_to_epc(*value, transfer.charset);
    if (!converted)
      return Failure{
          fmt::format("\"{}\" is not representable in charset {}", key, transfer.charset)};
    *target = *converted;
  }
  auto amount = read_money(document, "amount");
  if (!amount.ok()) return Failure{amount.error()};
  if (*amount && (*amount)->currency().code() != "EUR") return Failure{"EPC amounts are in EUR"};
  transfer.amount = *amount;
  const auto separator = string_member(document, "line_separator").value_or("\n");
  if (separator != "\n" && separator != "\r\n") return Failure{"\"line_separator\" is LF or CR LF"};
  transfer.crlf = separator == "\r\n";
  const auto lines = document.FindMember("line_count");
  if (lines != document.MemberEnd() && lines->value.IsInt())
    transfer.line_count = lines->value.GetInt();
  auto encoded = qr::encode_epc(transfer);
  if (!encoded.ok()) return Failure{qr::describe(encoded.error())};
  return std::move(encoded).value();
}

}  // namespace

Result<std::string, std::string> encode_qr_json(std::string_view json) {
  rapidjson::Document document;
  document.Parse<rapidjson::kParseValidateEncodingFlag>(json.data(), json.size());
  if (document.HasParseError()) {
    return Failure{fmt::format("invalid JSON at offset {}: {}", document.GetErrorOffset(),
                               rapidjson::GetParseError_En(document.GetParseError()))};
  }
  if (!document.IsObject()) return Failure{"the decoded-QR JSON must be an object"};
  const auto format = string_member(document, "format");
  if (format == "emv-mpm") return encode_emv_json(document);
  if (format == "epc-sct") return encode_epc_json(document);
  return Failure{"\"format\" must be \"emv-mpm\" or \"epc-sct\""};
}

}  // namespace drop::cli
