// OpenSSL 3 certificate generation for tests; see test_certificates.hpp.
#include "support/test_certificates.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>

namespace drop_test {

namespace {

void require(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "test certificates: %s failed\n", what);
    std::abort();
  }
}

using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using Certificate = std::unique_ptr<X509, decltype(&X509_free)>;

Key new_key() {
  Key key(EVP_EC_gen("P-256"), EVP_PKEY_free);
  require(key != nullptr, "EC key generation");
  return key;
}

void add_extension(X509* certificate, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, issuer, certificate, nullptr, nullptr, 0);
  X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value.c_str());
  require(extension != nullptr, "extension");
  X509_add_ext(certificate, extension, -1);
  X509_EXTENSION_free(extension);
}

Certificate new_certificate(EVP_PKEY* key, const std::string& common_name, long serial) {
  Certificate certificate(X509_new(), X509_free);
  X509_set_version(certificate.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(certificate.get()), serial);
  X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(certificate.get()), 24 * 3600);
  X509_set_pubkey(certificate.get(), key);
  X509_NAME* name = X509_get_subject_name(certificate.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1,
                             0);
  return certificate;
}

std::string certificate_pem(X509* certificate) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  require(PEM_write_bio_X509(bio.get(), certificate) == 1, "PEM certificate");
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

std::string key_pem(EVP_PKEY* key) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  require(PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) == 1,
          "PEM key");
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

}  // namespace

TestCertificates TestCertificates::generate(std::vector<std::string> dns_names,
                                            std::vector<std::string> ip_addresses) {
  static std::atomic<long> serial{1};
  Key ca_key = new_key();
  Certificate ca = new_certificate(ca_key.get(), "Drop throwaway test CA", serial++);
  X509_set_issuer_name(ca.get(), X509_get_subject_name(ca.get()));
  add_extension(ca.get(), ca.get(), NID_basic_constraints, "critical,CA:TRUE");
  add_extension(ca.get(), ca.get(), NID_key_usage, "critical,keyCertSign,cRLSign");
  add_extension(ca.get(), ca.get(), NID_subject_key_identifier, "hash");
  require(X509_sign(ca.get(), ca_key.get(), EVP_sha256()) > 0, "CA signature");

  Key leaf_key = new_key();
  const std::string common_name = dns_names.empty() ? "test" : dns_names.front();
  Certificate leaf = new_certificate(leaf_key.get(), common_name, serial++);
  X509_set_issuer_name(leaf.get(), X509_get_subject_name(ca.get()));
  std::string alternative_names;
  for (const auto& name : dns_names) {
    alternative_names += (alternative_names.empty() ? "DNS:" : ",DNS:") + name;
  }
  for (const auto& address : ip_addresses) {
    alternative_names += (alternative_names.empty() ? "IP:" : ",IP:") + address;
  }
  add_extension(leaf.get(), ca.get(), NID_basic_constraints, "critical,CA:FALSE");
  add_extension(leaf.get(), ca.get(), NID_key_usage, "critical,digitalSignature");
  add_extension(leaf.get(), ca.get(), NID_ext_key_usage, "serverAuth");
  add_extension(leaf.get(), ca.get(), NID_authority_key_identifier, "keyid");
  if (!alternative_names.empty()) {
    add_extension(leaf.get(), ca.get(), NID_subject_alt_name, alternative_names);
  }
  require(X509_sign(leaf.get(), ca_key.get(), EVP_sha256()) > 0, "leaf signature");

  TestCertificates made;
  made.ca_pem = certificate_pem(ca.get());
  made.leaf_pem = certificate_pem(leaf.get());
  made.leaf_key_pem = key_pem(leaf_key.get());
  static std::atomic<int> counter{0};
  made.ca_file =
      (std::filesystem::temp_directory_path() /
       ("drop-test-ca-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".pem"))
          .string();
  std::ofstream(made.ca_file, std::ios::binary) << made.ca_pem;
  return made;
}

TestCertificates::TestCertificates(TestCertificates&& other) noexcept
    : ca_pem(std::move(other.ca_pem)),
      leaf_pem(std::move(other.leaf_pem)),
      leaf_key_pem(std::move(other.leaf_key_pem)),
      ca_file(std::move(other.ca_file)) {
  other.ca_file.clear();
}

TestCertificates& TestCertificates::operator=(TestCertificates&& other) noexcept {
  if (this != &other) {
    if (!ca_file.empty()) std::remove(ca_file.c_str());
    ca_pem = std::move(other.ca_pem);
    leaf_pem = std::move(other.leaf_pem);
    leaf_key_pem = std::move(other.leaf_key_pem);
    ca_file = std::move(other.ca_file);
    other.ca_file.clear();
  }
  return *this;
}

TestCertificates::~TestCertificates() {
  if (!ca_file.empty()) std::remove(ca_file.c_str());
}

}  // namespace drop_test
