#include "drop/adapters/bankid/client_assertion.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "drop/identity/base64url.hpp"

namespace drop::adapters::bankid {

namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void write_string(Writer& writer, std::string_view key, std::string_view value) {
  writer.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
  writer.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

}  // namespace

std::optional<std::string> make_client_assertion(const RsaPrivateKey& key, std::string_view kid,
                                                 std::string_view client_id,
                                                 std::string_view token_endpoint,
                                                 std::string_view jti, Timestamp now) {
  rapidjson::StringBuffer header;
  {
    Writer writer(header);
    writer.StartObject();
    write_string(writer, "alg", "RS256");
    write_string(writer, "typ", "JWT");
    if (!kid.empty()) write_string(writer, "kid", kid);
    writer.EndObject();
  }
  rapidjson::StringBuffer payload;
  {
    Writer writer(payload);
    writer.StartObject();
    write_string(writer, "iss", client_id);
    write_string(writer, "sub", client_id);
    write_string(writer, "aud", token_endpoint);
    write_string(writer, "jti", jti);
    writer.Key("iat");
    writer.Int64(now.unix_seconds());
    writer.Key("exp");
    writer.Int64(now.unix_seconds() + client_assertion_lifetime_s);
    writer.EndObject();
  }
  const std::string signing_input =
      identity::encode_base64url(std::string_view(header.GetString(), header.GetSize())) + "." +
      identity::encode_base64url(std::string_view(payload.GetString(), payload.GetSize()));
  const auto signature = key.sign_rs256(signing_input);
  if (!signature) return std::nullopt;
  return signing_input + "." + identity::encode_base64url(*signature);
}

}  // namespace drop::adapters::bankid
