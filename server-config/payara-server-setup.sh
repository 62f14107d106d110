#!/usr/bin/env bash
# Configures a running Payara Server 6 domain for Tether and deploys the WAR at the context root /.
#
#   PAYARA_HOME=/opt/payara6 TOKEN_HMAC_SECRET_KEY=… server-config/payara-server-setup.sh target/tether.war
#
# Options are taken from the environment under their Centrifugo names in upper case
# (TOKEN_HMAC_SECRET_KEY, CLIENT_EXPIRED_CLOSE_DELAY, …) and stored as domain-level MicroProfile
# Config properties, where the admin console shows and edits them. Set DEMO_USER and DEMO_PASSWORD
# only for a demonstration. ASADMIN_OPTS passes connection options to asadmin (e.g. "--port 4848").
# Values are stored literally. An option left out of a later run keeps its stored value (asadmin
# delete-config-property --source domain --propertyName NAME removes it). Run it once the domain has
# finished starting: start-domain returns before deployed applications have loaded, and a redeploy
# sent meanwhile can leave Tether broken (CDI) until the domain is restarted.
set -euo pipefail

war=${1:?usage: $0 path/to/tether.war}
asadmin="${PAYARA_HOME:?set PAYARA_HOME to the Payara Server directory}/bin/asadmin"
commands=$(mktemp)
trap 'rm -f "$commands"' EXIT

# One EJB timer enforces every deadline; Payara delays a timer by at least this interval after its
# creation (1000 ms by default), which would make closes up to a second late.
echo "set configs.config.server-config.ejb-container.ejb-timer-service.minimum-delivery-interval-in-millis=10" \
  >> "$commands"

# The session cookie is SameSite=Lax: browsers leave it off cross-site POSTs, a second guard for the
# refresh endpoint. Payara 6 takes SameSite from the HTTP listener, not from the application.
cat >> "$commands" <<'ASADMIN'
set configs.config.server-config.network-config.protocols.protocol.http-listener-1.http.cookie-same-site-enabled=true
set configs.config.server-config.network-config.protocols.protocol.http-listener-1.http.cookie-same-site-value=Lax
ASADMIN

# The HTTP worker pool queues one task per socket read; past 4096 queued tasks (the default) Payara drops
# sockets with 1006, as a refresh storm or an expiry wave on a full node makes it.
echo "set configs.config.server-config.thread-pools.thread-pool.http-thread-pool.max-queue-size=65536" \
  >> "$commands"

# Payara expands ${...} in config values (system properties, ${ALIAS=...}, ${ENV=...}, other
# options) and reads \$ \{ \} as escapes, so a backslash goes before every $ { } and the value is
# taken literally. In the command file values are in double quotes, where asadmin reads \\ as \
# and \" as " and every other character (: = ' spaces) as it is; "--propertyValue=" keeps a value
# that starts with "-" from being read as an option. A command file holds one command a line: a PEM
# key's line breaks are stored as the two characters \n, which Tether reads as line breaks.
quote() {
  printf '"%s"' "$(printf '%s' "$1" | sed -e 's/[${}]/\\&/g' -e 's/[\\"]/\\&/g')"
}

for option in token_hmac_secret_key token_rsa_public_key token_ecdsa_public_key \
              client_expired_close_delay client_stale_close_delay client_anonymous client_insecure \
              allowed_origins websocket_message_size_limit connection_token_ttl \
              demo_user demo_password; do
  variable=${option^^}
  value=${!variable:-}
  if [ -n "$value" ]; then
    if [[ $value == *$'\n'* ]]; then
      case $option in
        token_rsa_public_key|token_ecdsa_public_key) value=${value//$'\n'/\\n} ;;
        *) echo "$variable must not contain a line break" >&2; exit 1 ;;
      esac
    fi
    if [[ $value =~ ^[[:space:]]|[[:space:]]$ ]]; then
      echo "$variable must not start or end with white space: Payara would drop it" >&2; exit 1
    fi
    echo "set-config-property --source domain --propertyName $option" \
         "--propertyValue=$(quote "$value")" >> "$commands"
  fi
done

# multimode carries on past a failed command and still exits with 0: look at what it printed, and
# deploy only when every setting was stored.
# shellcheck disable=SC2086
if ! output=$("$asadmin" ${ASADMIN_OPTS:-} multimode --file "$commands" 2>&1); then
  echo "$output" >&2
  exit 1
fi
echo "$output"
if grep -q '^Command .* failed' <<< "$output"; then
  echo "Payara Server was not fully configured; Tether was not deployed." >&2
  exit 1
fi

# shellcheck disable=SC2086
"$asadmin" ${ASADMIN_OPTS:-} deploy --force=true --contextroot / --name tether "$(realpath "$war")"
