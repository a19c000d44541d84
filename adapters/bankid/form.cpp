#include "drop/adapters/bankid/form.hpp"

#include <openssl/evp.h>

#include "drop/text/form_decode.hpp"

namespace drop::adapters::bankid {

std::string form_encode(std::string_view value) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
        (byte >= '0' && byte <= '9') || byte == '*' || byte == '-' || byte == '.' || byte == '_') {
      out.push_back(c);
    } else if (byte == ' ') {
      out.push_back('+');
    } else {
      out.push_back('%');
      out.push_back(hex[byte >> 4]);
      out.push_back(hex[byte & 0x0F]);
    }
  }
  return out;
}

std::string form_body(const std::vector<std::pair<std::string_view, std::string_view>>& fields) {
  std::string body;
  for (const auto& [name, value] : fields) {
    if (!body.empty()) body.push_back('&');
    body += form_encode(name);
    body.push_back('=');
    body += form_encode(value);
  }
  return body;
}

std::string basic_authorization(std::string_view client_id, std::string_view client_secret) {
  const std::string credentials = form_encode(client_id) + ":" + form_encode(client_secret);
  std::string encoded(4 * ((credentials.size() + 2) / 3) + 1, '\0');
  const int length = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(encoded.data()),
                                     reinterpret_cast<const unsigned char*>(credentials.data()),
                                     static_cast<int>(credentials.size()));
  encoded.resize(length < 0 ? 0 : static_cast<std::size_t>(length));
  return "Basic " + encoded;
}

std::string form_value(std::string_view body, std::string_view name) {
  while (!body.empty()) {
    const std::size_t end = body.find('&');
    const std::string_view field = body.substr(0, end);
    const std::size_t equals = field.find('=');
    if (text::form_decode(field.substr(0, equals)) == name) {
      return equals == std::string_view::npos ? "" : text::form_decode(field.substr(equals + 1));
    }
    if (end == std::string_view::npos) break;
    body.remove_prefix(end + 1);
  }
  return "";
}

}  // namespace drop::adapters::bankid
