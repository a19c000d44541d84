// Throwaway X.509 certificates generated at test time with OpenSSL (never checked in): a CA and
// one server ("leaf") certificate it signed, both ECDSA P-256, valid from an hour ago for a
// day. The CA is also written to a temporary PEM file (`ca_file`) to pass as a client's extra
// trust (HttpsClientOptions::extra_ca_file); the file is removed with the object.
// Thread-safety: immutable after generation.
#pragma once

#include <string>
#include <vector>

namespace drop_test {

struct TestCertificates {
  std::string ca_pem;
  std::string leaf_pem;      // the leaf certificate followed by nothing else
  std::string leaf_key_pem;  // PKCS#8 private key of the leaf
  std::string ca_file;       // a temporary file holding ca_pem

  // A fresh CA and a leaf for `dns_names` and `ip_addresses` (subjectAltName; CN = the first
  // name). Aborts the test program if OpenSSL fails (nothing sensible to test then).
  static TestCertificates generate(std::vector<std::string> dns_names = {"localhost"},
                                   std::vector<std::string> ip_addresses = {"127.0.0.1"});

  TestCertificates() = default;
  TestCertificates(TestCertificates&& other) noexcept;
  TestCertificates& operator=(TestCertificates&& other) noexcept;
  TestCertificates(const TestCertificates&) = delete;
  TestCertificates& operator=(const TestCertificates&) = delete;
  ~TestCertificates();
};

}  // namespace drop_test
