#!/usr/bin/env bash
# Configures a running Payara Server 6 domain for Tether and deploys the WAR at the context root /.
#
#   PAYARA_HOME=/opt/payara6 TOKEN_HMAC_SECRET_KEY=… server-config/payara-server-setup.sh target/tether.war
#
# Options are taken from the environment under their Centrifugo names in upper case
# (TOKEN_HMAC_SECRET_KEY, CLIENT_EXPIRED_CLOSE_DELAY, …) and stored as domain-level MicroProfile
# Config properties, where the admin console shows and edits them. Set DEMO_USER and DEMO_PASSWORD
# only for a demonstration. ASADMIN_OPTS passes connection options to asadmin (e.g. "--port 4848").
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

for option in token_hmac_secret_key token_rsa_public_key token_ecdsa_public_key \
              client_expired_close_delay client_stale_close_delay client_anonymous client_insecure \
              websocket_message_size_limit connection_token_ttl demo_user demo_password; do
  variable=${option^^}
  value=${!variable:-}
  if [ -n "$value" ]; then
    # asadmin reads a backslash as an escape and a colon as a separator in values.
    escaped=$(printf '%s' "$value" | sed -e 's/\\/\\\\/g' -e 's/:/\\:/g')
    echo "set-config-property --source domain --propertyName $option --propertyValue \"$escaped\"" >> "$commands"
  fi
done

echo "deploy --force=true --contextroot / --name tether \"$(realpath "$war")\"" >> "$commands"

# shellcheck disable=SC2086
"$asadmin" ${ASADMIN_OPTS:-} multimode --file "$commands"
