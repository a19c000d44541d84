#include "cli/charset.hpp"

#include <iconv.h>

namespace drop::cli {

namespace {

const char* iconv_name(int charset) {
  switch (charset) {
    case 1:
      return "UTF-8";
    case 2:
      return "ISO-8859-1";
    case 3:
      return "ISO-8859-2";
    case 4:
      return "ISO-8859-4";
    case 5:
      return "ISO-8859-5";
    case 6:
      return "ISO-8859-7";
    case 7:
      return "ISO-8859-10";
    case 8:
      return "ISO-8859-15";
    default:
      return nullptr;
  }
}

std::optional<std::string> convert(std::string_view text, const char* from, const char* to) {
  if (from == nullptr || to == nullptr) return std::nullopt;
  iconv_t converter = iconv_open(to, from);
  // POSIX: iconv_open returns (iconv_t)-1 on failure.
  // NOLINTNEXTLINE(performance-no-int-to-ptr)
  if (converter == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string out(text.size() * 4 + 4, '\0');
  char* in_pointer = const_cast<char*>(text.data());
  std::size_t in_left = text.size();
  char* out_pointer = out.data();
  std::size_t out_left = out.size();
  const std::size_t result = iconv(converter, &in_pointer, &in_left, &out_pointer, &out_left);
  iconv_close(converter);
  if (result == static_cast<std::size_t>(-1) || in_left != 0) return std::nullopt;
  out.resize(out.size() - out_left);
  return out;
}

}  // namespace

std::optional<std::string> epc_to_utf8(std::string_view text, int charset) {
  if (charset == 1) return std::string(text);
  return convert(text, iconv_name(charset), "UTF-8");
}

std::optional<std::string> utf8_to_epc(std::string_view text, int charset) {
  if (charset == 1) return std::string(text);
  return convert(text, "UTF-8", iconv_name(charset));
}

}  // namespace drop::cli
