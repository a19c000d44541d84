// ECB eurofxref-daily XML for tests that serve rates over HTTP: the snapshot shipped with the
// program with its date (2026-11-27) and NOK rate (11.7360) replaced.
#pragma once

#include <string>

#include "drop/adapters/rates/embedded_rate_source.hpp"

namespace drop_test {

inline std::string ecb_xml(const std::string& date, const std::string& nok_rate = "11.7360") {
  std::string xml(drop::adapters::rates::embedded_ecb_snapshot());
  xml.replace(xml.find("2026-11-27"), 10, date);
  const std::string nok = "currency='NOK' rate='11.7360'";
  xml.replace(xml.find(nok), nok.size(), "currency='NOK' rate='" + nok_rate + "'");
  return xml;
}

}  // namespace drop_test
