#include "cli/command.hpp"

namespace drop::cli {

std::span<const Command> commands() {
  static const Command table[] = {
      {"version", "", "print the program version", run_version},
      {"help", "", "list the commands", run_help},
      {"migrate", "", "apply missing schema migrations to DATABASE_URL (idempotent)", run_migrate},
      {"serve", "", "run the HTTP server on $PORT (configuration from the environment)", run_serve},
      {"ledger verify", "",
       "check every ledger invariant on DATABASE_URL (exit 1 and a report on any violation)",
       run_ledger_verify},
      {"fx quote",
       "[--rates <file>] --from <AAA> --to <AAA> (--send <minor> | --receive <minor>) "
       "[--spread-bps N] [--fee-fixed <minor>] [--fee-bps N] [--max-age-days N]",
       "price an FX quote (JSON) from ECB/Norges Bank rates or the embedded snapshot",
       run_fx_quote},
      {"qr decode", "[--strict] <payload>", "decode an EMV or EPC payment QR payload to JSON",
       run_qr_decode},
      {"qr encode", "< decoded.json", "encode decoded-QR JSON (stdin) back to its payload",
       run_qr_encode},
      {"qr svg", "[--strict] <payload>", "render a payment QR payload as SVG", run_qr_svg},
      {"health", "[--port N] [--timeout-ms N]",
       "exit 0 when GET /api/health on 127.0.0.1 answers 200 (the container health check)",
       run_health},
      {"start", "", "drop migrate, then drop serve (platforms without a separate migration step)",
       run_start},
  };
  return table;
}

}  // namespace drop::cli
