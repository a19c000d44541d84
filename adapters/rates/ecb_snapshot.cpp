// The ECB reference rates shipped with the program: a static snapshot in the eurofxref-daily.xml
// shape, used only when no rates source is configured (DROP_RATES_SOURCE unset, or
// `drop fx quote` without --rates). It is not refreshed: quotes priced from it carry its as-of
// date (2026-11-27), and a deployment with DROP_RATES_MAX_AGE_DAYS refuses it once it is old.
// Replace it by editing this text (keep single quotes and exact decimals).
#include "drop/adapters/rates/embedded_rate_source.hpp"

namespace drop::adapters::rates {

std::string_view embedded_ecb_snapshot() {
  static constexpr std::string_view snapshot = R"xml(<?xml version="1.0" encoding="UTF-8"?>
<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
	<gesmes:subject>Reference rates</gesmes:subject>
	<gesmes:Sender>
		<gesmes:name>European Central Bank</gesmes:name>
	</gesmes:Sender>
	<Cube>
		<Cube time='2026-11-27'>
			<Cube currency='USD' rate='1.1583'/>
			<Cube currency='JPY' rate='180.62'/>
			<Cube currency='CZK' rate='24.208'/>
			<Cube currency='DKK' rate='7.4688'/>
			<Cube currency='GBP' rate='0.87640'/>
			<Cube currency='HUF' rate='383.15'/>
			<Cube currency='PLN' rate='4.2315'/>
			<Cube currency='RON' rate='5.0912'/>
			<Cube currency='SEK' rate='10.9475'/>
			<Cube currency='CHF' rate='0.9321'/>
			<Cube currency='ISK' rate='147.80'/>
			<Cube currency='NOK' rate='11.7360'/>
			<Cube currency='TRY' rate='49.2170'/>
			<Cube currency='AUD' rate='1.7794'/>
			<Cube currency='BRL' rate='6.1987'/>
			<Cube currency='CAD' rate='1.6285'/>
			<Cube currency='CNY' rate='8.2214'/>
			<Cube currency='HKD' rate='9.0152'/>
			<Cube currency='IDR' rate='19354.21'/>
			<Cube currency='ILS' rate='3.7810'/>
			<Cube currency='INR' rate='103.7415'/>
			<Cube currency='KRW' rate='1703.58'/>
			<Cube currency='MXN' rate='21.2846'/>
			<Cube currency='MYR' rate='4.8120'/>
			<Cube currency='NZD' rate='2.0417'/>
			<Cube currency='PHP' rate='68.305'/>
			<Cube currency='SGD' rate='1.5086'/>
			<Cube currency='THB' rate='37.512'/>
			<Cube currency='ZAR' rate='19.9321'/>
		</Cube>
	</Cube>
</gesmes:Envelope>
)xml";
  return snapshot;
}

}  // namespace drop::adapters::rates
