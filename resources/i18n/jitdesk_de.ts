<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en">
<context>
    <name>Access</name>
    <message>
        <location filename="../../jitdesk/domain/access.py" line="+107"/>
        <source>{vm}, port {port}: {source} lies inside the allowed range {range}, but Azure accepts only a source that equals an allowed prefix. Choose “{range}” instead.</source>
        <translation>{vm}, Port {port}: {source} liegt im zulässigen Bereich {range}, aber Azure akzeptiert nur eine Quelle, die genau einem zulässigen Präfix entspricht. Wählen Sie stattdessen „{range}“.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{vm}, port {port}: the policy allows only {allowed}, not {source}.</source>
        <translation>{vm}, Port {port}: Die Richtlinie lässt nur {allowed} zu, nicht {source}.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Choose a VM first.</source>
        <translation>Wählen Sie zuerst eine VM aus.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose at least one port.</source>
        <translation>Wählen Sie mindestens einen Port aus.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{vm} has none of the chosen ports; its policy allows {ports}.</source>
        <translation>{vm} hat keinen der ausgewählten Ports; ihre Richtlinie lässt {ports} zu.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Say why you need access (a justification is required by your settings).</source>
        <translation>Geben Sie an, warum Sie Zugriff benötigen (laut Ihren Einstellungen ist eine Begründung erforderlich).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Ask for at least 5 minutes.</source>
        <translation>Fordern Sie mindestens 5 Minuten an.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The policy allows at most {minutes} minutes for the chosen ports.</source>
        <translation>Die Richtlinie lässt für die ausgewählten Ports höchstens {minutes} Minuten zu.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>{vm}: the policy allows only {allowed}. Azure will refuse the request unless the address it sees for you is exactly one of them.</source>
        <translation>{vm}: Die Richtlinie lässt nur {allowed} zu. Azure lehnt die Anforderung ab, wenn Ihre von Azure erkannte Adresse nicht genau einer davon entspricht.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>{vm}: enter at least one address or range.</source>
        <translation>{vm}: Geben Sie mindestens eine Adresse oder einen Bereich ein.</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <location filename="../../jitdesk/app/application.py" line="+163"/>
        <source>Something went wrong</source>
        <translation>Etwas ist schiefgegangen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>jitdesk hit an unexpected error: {error}

The details are in jitdesk&apos;s log file. Your open access is not affected.</source>
        <translation>In jitdesk ist ein unerwarteter Fehler aufgetreten: {error}

Die Einzelheiten stehen in der Protokolldatei von jitdesk. Ihre offenen Zugriffe sind davon nicht betroffen.</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <location filename="../../jitdesk/ui/notifier.py" line="+38"/>
        <source>Extend…</source>
        <translation>Verlängern…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dismiss</source>
        <translation>Ausblenden</translation>
    </message>
</context>
<context>
    <name>Connect</name>
    <message>
        <location filename="../../jitdesk/domain/connect.py" line="+82"/>
        <source>{vm} has neither a public nor a private address to connect to.</source>
        <translation>{vm} hat weder eine öffentliche noch eine private Adresse für die Verbindung.</translation>
    </message>
</context>
<context>
    <name>ConnectActions</name>
    <message>
        <location filename="../../jitdesk/ui/connect_actions.py" line="+69"/>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open access if needed, wait until the port answers, start RDP or SSH</source>
        <translation>Zugriff bei Bedarf öffnen, warten, bis der Port antwortet, RDP oder SSH starten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connection settings…</source>
        <translation>Verbindungseinstellungen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User name, address and client for this VM (nothing secret is stored)</source>
        <translation>Benutzername, Adresse und Client für diese VM (es wird nichts Geheimes gespeichert)</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Started for {vm} at {host}:{port}: {command}</source>
        <translation>Für {vm} auf {host}:{port} gestartet: {command}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Link</source>
        <translation>Link</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The link names {vm} in {group}, which your account cannot see.</source>
        <translation>Der Link nennt {vm} in {group}; diese VM ist für Ihr Konto nicht sichtbar.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Connect?</source>
        <translation>Verbinden?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A link asks jitdesk to connect to {vm} on port {port}. Connect now? If the port is closed, jitdesk will ask Azure to open it for you.</source>
        <translation>Ein Link bittet jitdesk, sich mit {vm} auf Port {port} zu verbinden. Jetzt verbinden? Ist der Port geschlossen, bittet jitdesk Azure, ihn für Sie zu öffnen.</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <location filename="../../jitdesk/ui/connect_dialog.py" line="+49"/>
        <source>Connect to {vm}</source>
        <translation>Mit {vm} verbinden</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Connecting to {vm}</source>
        <translation>Verbindung mit {vm} wird hergestellt</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Connect failed: {error}</source>
        <translation>Verbinden fehlgeschlagen: {error}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
</context>
<context>
    <name>ConnectFlow</name>
    <message>
        <location filename="../../jitdesk/services/connect.py" line="+156"/>
        <source>Port {port} is not in the JIT policy of {vm}; choose one of {ports}.</source>
        <translation>Port {port} ist nicht in der JIT-Richtlinie von {vm}; wählen Sie einen von {ports}.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Checking your access to {vm}…</source>
        <translation>Ihr Zugriff auf {vm} wird geprüft…</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Starting {client}…</source>
        <translation>{client} wird gestartet…</translation>
    </message>
    <message>
        <location line="+104"/>
        <source>This computer has no route to {host}, the private address of {vm}. Connect the VPN first, or connect to the public address.</source>
        <translation>Dieser Computer hat keine Route zu {host}, der privaten Adresse von {vm}. Verbinden Sie zuerst das VPN oder verbinden Sie sich mit der öffentlichen Adresse.</translation>
    </message>
    <message>
        <location line="-52"/>
        <source>Asking Azure to open port {port} for {duration} for {source}…</source>
        <translation>Azure wird gebeten, Port {port} für {duration} für {source} zu öffnen…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>your address as Azure sees it</source>
        <translation>Ihre von Azure erkannte Adresse</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Azure&apos;s answer did not mention port {port}; refresh (F5) and try again.</source>
        <translation>Die Antwort von Azure nennt Port {port} nicht; aktualisieren Sie (F5) und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>The policy of {vm} allows access only from {allowed}, but this computer reaches {host} from {local}. Connect the VPN to that network first.</source>
        <translation>Die Richtlinie von {vm} erlaubt Zugriff nur von {allowed}, aber dieser Computer erreicht {host} von {local} aus. Verbinden Sie zuerst das VPN zu diesem Netzwerk.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Waiting for {where} to open… {s} s</source>
        <translation>Warten, bis {where} offen ist… {s} s</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>{vm} is {state}: nothing answers on its ports. Start the VM in the Azure portal, then connect again.</source>
        <translation>{vm} ist {state}: Auf seinen Ports antwortet nichts. Starten Sie die VM im Azure-Portal und verbinden Sie sich dann erneut.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{where} did not answer within {s} s. Check that the VPN to the VM&apos;s network is up, and that the grant&apos;s source is this computer&apos;s address on that network.</source>
        <translation>{where} hat innerhalb von {s} s nicht geantwortet. Prüfen Sie, ob das VPN zum Netzwerk der VM verbunden ist und ob die Quelle der Freigabe die Adresse dieses Computers in diesem Netzwerk ist.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{where} did not answer within {s} s. Likely causes: Azure has not applied the rule yet (try again in a minute), the address Azure saw for you differs from the one you connect from (a VPN or proxy: choose a typed source), or the service on the VM is not running.</source>
        <translation>{where} hat innerhalb von {s} s nicht geantwortet. Wahrscheinliche Ursachen: Azure hat die Regel noch nicht angewendet (versuchen Sie es in einer Minute erneut), die Adresse, die Azure für Sie gesehen hat, unterscheidet sich von der, von der aus Sie sich verbinden (VPN oder Proxy: geben Sie eine Quelle ein), oder der Dienst auf der VM läuft nicht.</translation>
    </message>
</context>
<context>
    <name>DetailPanel</name>
    <message>
        <location filename="../../jitdesk/ui/detail_panel.py" line="+42"/>
        <location line="+253"/>
        <source>Expired</source>
        <translation>Abgelaufen</translation>
    </message>
    <message>
        <location line="-252"/>
        <source>Replaced by a newer request</source>
        <translation>Durch neuere ersetzt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Revoked</source>
        <translation>Widerrufen</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Request access…</source>
        <translation>Zugriff anfordern…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enable JIT…</source>
        <translation>JIT aktivieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Turn on Defender for Servers…</source>
        <translation>Defender for Servers aktivieren…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Virtual machine</source>
        <translation>Virtueller Computer</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Protocol</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Allowed sources</source>
        <translation>Zulässige Quellen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Longest grant</source>
        <translation>Max. Anforderungszeit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open now</source>
        <translation>Jetzt offen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Just-in-time access</source>
        <translation>Just-in-Time-Zugriff</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Requested</source>
        <translation>Angefordert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ports</source>
        <translation>Ports</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ends</source>
        <translation>Endet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Justification</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No requests yet.</source>
        <translation>Noch keine Anforderungen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Recent requests</source>
        <translation>Letzte Anforderungen</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>No VM selected</source>
        <translation>Keine VM ausgewählt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a VM in the table to see its details.</source>
        <translation>Wählen Sie in der Tabelle eine VM aus, um ihre Details anzuzeigen.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Subscription</source>
        <translation>Abonnement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resource group</source>
        <translation>Ressourcengruppe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>OS and size</source>
        <translation>Betriebssystem und Größe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Power</source>
        <translation>Energiestatus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Private address</source>
        <translation>Private Adresse</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+1"/>
        <location line="+1"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Public address</source>
        <translation>Öffentliche Adresse</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Network security groups</source>
        <translation>Netzwerksicherheitsgruppen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Defender plan</source>
        <translation>Defender-Plan</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>JIT is not enabled on this VM. Its management ports are governed only by its network security group.</source>
        <translation>JIT ist für diese VM nicht aktiviert. Ihre Verwaltungsports werden nur durch ihre Netzwerksicherheitsgruppe geregelt.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Policy “{name}” in {group}, {region}</source>
        <translation>Richtlinie „{name}“ in {group}, {region}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reached through the Azure Firewall at {ip}</source>
        <translation>Erreichbar über die Azure Firewall unter {ip}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>any</source>
        <translation>beliebig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>any source</source>
        <translation>beliebige Quelle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{left} left (until {end})</source>
        <translation>noch {left} (bis {end})</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>requester&apos;s address</source>
        <translation>Adresse des Anforderers</translation>
    </message>
</context>
<context>
    <name>ErrorBox</name>
    <message>
        <location filename="../../jitdesk/ui/error_box.py" line="+38"/>
        <source>Copy details</source>
        <translation>Details kopieren</translation>
    </message>
</context>
<context>
    <name>GrantController</name>
    <message>
        <location filename="../../jitdesk/app/grant_controller.py" line="+125"/>
        <source>Access to {vm} ends soon</source>
        <translation>Zugriff auf {vm} endet bald</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Port {port} closes in {left} (at {end}). Extend it to keep working.</source>
        <translation>Port {port} wird in {left} geschlossen (um {end}). Verlängern Sie den Zugriff, um weiterzuarbeiten.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Access to {vm} has ended</source>
        <translation>Zugriff auf {vm} ist beendet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Port {port}: a newer request replaced this one.</source>
        <translation>Port {port}: Eine neuere Anforderung hat diese ersetzt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Port {port} is closed again; its time is up.</source>
        <translation>Port {port} ist wieder geschlossen; die Zeit ist abgelaufen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Port {port}: Azure revoked the access early.</source>
        <translation>Port {port}: Azure hat den Zugriff vorzeitig widerrufen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Port {port}: the request or its policy is gone (someone changed the JIT settings).</source>
        <translation>Port {port}: Die Anforderung oder ihre Richtlinie ist nicht mehr vorhanden (jemand hat die JIT-Einstellungen geändert).</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>jitdesk keeps running</source>
        <translation>jitdesk wird weiter ausgeführt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your open access is still counted down here; you will be warned before it ends.</source>
        <translation>Ihre offenen Zugriffe werden hier weiter heruntergezählt; Sie werden gewarnt, bevor sie enden.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Quit jitdesk?</source>
        <translation>jitdesk beenden?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>You have {n} open grant(s). Quitting does not close them: the ports stay open until their end time (the last at {end}), and jitdesk will not warn you before they end.</source>
        <translation>Sie haben noch offene Zugriffe ({n}). Das Beenden schließt sie nicht: Die Ports bleiben bis zu ihrem Ende offen (der letzte bis {end}), und jitdesk warnt Sie nicht mehr, bevor sie enden.</translation>
    </message>
</context>
<context>
    <name>GrantsView</name>
    <message>
        <location filename="../../jitdesk/ui/grants_view.py" line="+45"/>
        <location line="+29"/>
        <source>VM</source>
        <translation>VM</translation>
    </message>
    <message>
        <location line="-28"/>
        <location line="+29"/>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <location line="-28"/>
        <location line="+29"/>
        <source>Time left</source>
        <translation>Zeit übrig</translation>
    </message>
    <message>
        <location line="-28"/>
        <location line="+29"/>
        <source>Ends</source>
        <translation>Endet</translation>
    </message>
    <message>
        <location line="-28"/>
        <location line="+29"/>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>Subscription</source>
        <translation>Abonnement</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Extend…</source>
        <translation>Verlängern…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show VM</source>
        <translation>VM anzeigen</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Other people&apos;s open access on the same VMs</source>
        <translation>Offene Zugriffe anderer Personen auf dieselben VMs</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Requested by</source>
        <translation>Angefordert von</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Your open access ({n})</source>
        <translation>Ihre offenen Zugriffe ({n})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>You have no open access. Select a VM and press Enter to ask for it.</source>
        <translation>Sie haben keine offenen Zugriffe. Wählen Sie eine VM aus, und drücken Sie die Eingabetaste, um Zugriff anzufordern.</translation>
    </message>
</context>
<context>
    <name>Inventory</name>
    <message>
        <location filename="../../jitdesk/services/inventory.py" line="+37"/>
        <source>power states</source>
        <translation>Energiestatus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>network interfaces</source>
        <translation>Netzwerkschnittstellen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>public IP addresses</source>
        <translation>öffentliche IP-Adressen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>virtual networks</source>
        <translation>virtuelle Netzwerke</translation>
    </message>
</context>
<context>
    <name>Launch</name>
    <message>
        <location filename="../../jitdesk/launch/targets.py" line="+40"/>
        <source>host address</source>
        <translation>Hostadresse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>port</source>
        <translation>Port</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>user name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The {field} cannot be used: it {reason}.</source>
        <translation>Der Wert für „{field}“ kann nicht verwendet werden: Er {reason}.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>is not text</source>
        <translation>ist kein Text</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>is empty</source>
        <translation>ist leer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>is longer than {most} characters</source>
        <translation>ist länger als {most} Zeichen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>contains a line break or a control character</source>
        <translation>enthält einen Zeilenumbruch oder ein Steuerzeichen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>contains a space</source>
        <translation>enthält ein Leerzeichen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>contains &apos;;&apos;</source>
        <translation>enthält „;“</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>contains a quote</source>
        <translation>enthält ein Anführungszeichen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>starts with &apos;-&apos;, which a program would read as an option</source>
        <translation>beginnt mit „-“, was ein Programm als Option lesen würde</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>has a zone index (&apos;%&apos;)</source>
        <translation>enthält einen Zonenindex („%“)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>looks like an IPv4 address but is not one</source>
        <translation>sieht wie eine IPv4-Adresse aus, ist aber keine</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>is neither an IP address nor a DNS name of letters, digits, hyphens and dots</source>
        <translation>ist weder eine IP-Adresse noch ein DNS-Name aus Buchstaben, Ziffern, Bindestrichen und Punkten</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>is not a whole number</source>
        <translation>ist keine ganze Zahl</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>is not between 1 and 65535</source>
        <translation>liegt nicht zwischen 1 und 65535</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>contains {char}; only letters, digits and . _ - @ \ are allowed</source>
        <translation>enthält {char}; erlaubt sind nur Buchstaben, Ziffern und . _ - @ \</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>is not of the form user, DOMAIN\user or user@domain</source>
        <translation>hat nicht die Form Benutzer, DOMÄNE\Benutzer oder Benutzer@Domäne</translation>
    </message>
    <message>
        <location filename="../../jitdesk/launch/launchers.py" line="+96"/>
        <source>The command cannot be used: {reason}. Write it as a JSON list of arguments, like [&quot;xfreerdp&quot;, &quot;/v:{{address}}&quot;, &quot;/u:{{user}}&quot;].</source>
        <translation>Der Befehl kann nicht verwendet werden: {reason}. Schreiben Sie ihn als JSON-Liste von Argumenten, z. B. [&quot;xfreerdp&quot;, &quot;/v:{{address}}&quot;, &quot;/u:{{user}}&quot;].</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{argument} has an unmatched brace (write {{{{ for a brace)</source>
        <translation>{argument} enthält eine geschweifte Klammer ohne Gegenstück (schreiben Sie {{{{ für eine Klammer)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{{{name}}} is not a placeholder jitdesk knows</source>
        <translation>{{{name}}} ist kein Platzhalter, den jitdesk kennt</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+28"/>
        <source>it is not a list of text arguments</source>
        <translation>er ist keine Liste von Textargumenten</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>an argument contains a control character</source>
        <translation>ein Argument enthält ein Steuerzeichen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the first argument must name the program, without placeholders</source>
        <translation>das erste Argument muss das Programm nennen, ohne Platzhalter</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>it uses none of {{host}}, {{address}} or {{rdp_file}}</source>
        <translation>er verwendet keinen der Platzhalter {{host}}, {{address}} oder {{rdp_file}}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>it is longer than {most} characters</source>
        <translation>er ist länger als {most} Zeichen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>it is not valid JSON</source>
        <translation>er ist kein gültiges JSON</translation>
    </message>
    <message>
        <location line="+196"/>
        <source>No {protocol} client was found on this computer (looked for: {tried}). Install one, or set the {protocol} command in the settings.</source>
        <translation>Auf diesem Computer wurde kein {protocol}-Client gefunden (gesucht: {tried}). Installieren Sie einen, oder legen Sie den {protocol}-Befehl in den Einstellungen fest.</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>A value would make the argument {argument} an option; not starting.</source>
        <translation>Ein Wert würde das Argument {argument} zu einer Option machen; das Programm wird nicht gestartet.</translation>
    </message>
    <message>
        <location filename="../../jitdesk/launch/starter.py" line="+69"/>
        <source>The program {program} was not found. Install it, or set another command for this kind of connection in the settings.</source>
        <translation>Das Programm {program} wurde nicht gefunden. Installieren Sie es, oder legen Sie in den Einstellungen einen anderen Befehl für diese Art von Verbindung fest.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The program {program} could not be started: {reason}. Check that it is installed and that you may run it.</source>
        <translation>Das Programm {program} konnte nicht gestartet werden: {reason}. Überprüfen Sie, ob es installiert ist und ob Sie es ausführen dürfen.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../jitdesk/ui/main_window.py" line="+114"/>
        <source>jitdesk — Azure just-in-time VM access</source>
        <translation>jitdesk — Just-in-Time-VM-Zugriff für Azure</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Load tenants, subscriptions and VMs again (F5)</source>
        <translation>Mandanten, Abonnements und VMs neu laden (F5)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Settings…</source>
        <translation>Einstellungen…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Main</source>
        <translation>Hauptsymbolleiste</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Search by name, group, region, address, state… (Ctrl+F)</source>
        <translation>Suchen: Name, Gruppe, Region, Adresse, Status… (Strg+F)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Search VMs</source>
        <translation>VMs durchsuchen</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Virtual machines</source>
        <translation>Virtuelle Computer</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+133"/>
        <source>Open grants</source>
        <translation>Offene Zugriffe</translation>
    </message>
    <message>
        <location line="-105"/>
        <source>%v of %m subscriptions</source>
        <translation>%v von %m Abonnements</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Loading tenants…</source>
        <translation>Mandanten werden geladen…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Loading subscriptions…</source>
        <translation>Abonnements werden geladen…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Loading VMs…</source>
        <translation>VMs werden geladen…</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Open grants ({n})</source>
        <translation>Offene Zugriffe ({n})</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Loading failed.</source>
        <translation>Fehler beim Laden.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{vms} VMs in {subs} subscriptions, loaded in {seconds:.1f} s</source>
        <translation>{vms} VMs in {subs} Abonnements, geladen in {seconds:.1f} s</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>1 subscription could not be loaded</source>
        <translation>1 Abonnement konnte nicht geladen werden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} subscriptions could not be loaded</source>
        <translation>{n} Abonnements konnten nicht geladen werden</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Azure could not be reached</source>
        <translation>Azure ist nicht erreichbar</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+7"/>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>This subscription could not be loaded</source>
        <translation>Dieses Abonnement konnte nicht geladen werden</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reading your tenants, subscriptions and VMs from Azure.</source>
        <translation>Ihre Mandanten, Abonnements und VMs werden aus Azure gelesen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No VM matches “{text}”</source>
        <translation>Keine VM entspricht „{text}“</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check the spelling, or search for part of a name, a resource group, a region or an address.</source>
        <translation>Überprüfen Sie die Schreibweise, oder suchen Sie nach einem Teil eines Namens, einer Ressourcengruppe, einer Region oder einer Adresse.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Clear search</source>
        <translation>Suche löschen</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+16"/>
        <source>No virtual machines</source>
        <translation>Keine virtuellen Computer</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>This subscription has no virtual machines that you can see.</source>
        <translation>Dieses Abonnement enthält keine virtuellen Computer, die Sie sehen können.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No subscriptions</source>
        <translation>Keine Abonnements</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your account can see no Azure subscription. Check that you signed in with the right account, or ask an owner for Reader access.</source>
        <translation>Ihr Konto sieht kein Azure-Abonnement. Überprüfen Sie, ob Sie mit dem richtigen Konto angemeldet sind, oder bitten Sie einen Besitzer um Zugriff mit der Rolle „Reader“ (Leser).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>There are no virtual machines here.</source>
        <translation>Hier gibt es keine virtuellen Computer.</translation>
    </message>
</context>
<context>
    <name>PolicyDialog</name>
    <message>
        <location filename="../../jitdesk/ui/policy_dialog.py" line="+52"/>
        <source>On</source>
        <translation>Ein</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Protocol</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Allowed sources (* = any)</source>
        <translation>Zulässige Quellen (* = beliebig)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Longest grant</source>
        <translation>Max. Anforderungszeit</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>New port number</source>
        <translation>Neue Portnummer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add port</source>
        <translation>Port hinzufügen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Remove selected</source>
        <translation>Auswahl entfernen</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>any</source>
        <translation>beliebig</translation>
    </message>
</context>
<context>
    <name>PolicyEdit</name>
    <message>
        <location filename="../../jitdesk/domain/policy_edit.py" line="+63"/>
        <source>Keep at least one port, or remove JIT from the VM instead.</source>
        <translation>Behalten Sie mindestens einen Port, oder entfernen Sie stattdessen JIT von der VM.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Port {port} does not exist; ports run from 1 to 65535.</source>
        <translation>Port {port} gibt es nicht; Ports reichen von 1 bis 65535.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Port {port} is listed twice.</source>
        <translation>Port {port} ist doppelt aufgeführt.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Port {port}: the longest grant must be between 5 minutes and 24 hours.</source>
        <translation>Port {port}: Die maximale Anforderungszeit muss zwischen 5 Minuten und 24 Stunden liegen.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Port {port}: allow at least one source, or * for any.</source>
        <translation>Port {port}: Lassen Sie mindestens eine Quelle zu (oder * für jede Quelle).</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Port {port}: * already allows any source; remove the other entries.</source>
        <translation>Port {port}: * lässt bereits jede Quelle zu; entfernen Sie die anderen Einträge.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The policy name “{policy}” and the VM name “{vm}” together are longer than 56 characters, which Azure refuses.</source>
        <translation>Der Richtlinienname „{policy}“ und der VM-Name „{vm}“ sind zusammen länger als 56 Zeichen; das lehnt Azure ab.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Someone else changed the JIT settings of {vms} while you were editing. Nothing was saved; look at the current settings and try again.</source>
        <translation>Jemand anderes hat die JIT-Einstellungen von {vms} geändert, während Sie sie bearbeitet haben. Es wurde nichts gespeichert; sehen Sie sich die aktuellen Einstellungen an, und versuchen Sie es erneut.</translation>
    </message>
</context>
<context>
    <name>Prefixes</name>
    <message>
        <location filename="../../jitdesk/domain/prefixes.py" line="+34"/>
        <source>The address is empty.</source>
        <translation>Die Adresse ist leer.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>“{value}” has host bits set; the range is written {network}.</source>
        <translation>In „{value}“ sind Hostbits gesetzt; der Bereich lautet {network}.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>“{value}” is not an IP address or range. Write e.g. 203.0.113.7, 203.0.113.0/24 or 2001:db8::/48.</source>
        <translation>„{value}“ ist weder eine IP-Adresse noch ein Adressbereich. Schreiben Sie z. B. 203.0.113.7, 203.0.113.0/24 oder 2001:db8::/48.</translation>
    </message>
</context>
<context>
    <name>PrefsDialog</name>
    <message>
        <location filename="../../jitdesk/ui/connect_actions.py" line="+45"/>
        <source>Connection settings for {vm}</source>
        <translation>Verbindungseinstellungen für {vm}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ask when connecting</source>
        <translation>beim Verbinden fragen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Automatic (public, or private when reached over a VPN)</source>
        <translation>Automatisch (öffentlich, oder privat bei Erreichbarkeit über VPN)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Public address ({ip})</source>
        <translation>Öffentliche Adresse ({ip})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Private address ({ip})</source>
        <translation>Private Adresse ({ip})</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Usual port ({port})</source>
        <translation>Üblicher Port ({port})</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Automatic (the first one installed)</source>
        <translation>Automatisch (der erste installierte)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Client</source>
        <translation>Client</translation>
    </message>
</context>
<context>
    <name>RequestDialog</name>
    <message>
        <location filename="../../jitdesk/ui/request_dialog.py" line="+82"/>
        <location line="+116"/>
        <source>Extend access</source>
        <translation>Zugriff verlängern</translation>
    </message>
    <message>
        <location line="-116"/>
        <location line="+81"/>
        <source>Request access</source>
        <translation>Zugriff anfordern</translation>
    </message>
    <message>
        <location line="-78"/>
        <source>Extend access to {vms}: the new request replaces the open one</source>
        <translation>Zugriff auf {vms} verlängern: Die neue Anforderung ersetzt die offene</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Request access to {vms}</source>
        <translation>Zugriff auf {vms} anfordern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Request access to {n} VMs: {vms}</source>
        <translation>Zugriff auf {n} VMs anfordern: {vms}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duration in minutes</source>
        <translation>Dauer in Minuten</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Longest</source>
        <translation>Maximum</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Why do you need access? (kept in Azure&apos;s audit log)</source>
        <translation>Warum benötigen Sie Zugriff? (wird im Azure-Überwachungsprotokoll gespeichert)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Justification</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Details for support…</source>
        <translation>Details für den Support…</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Ports</source>
        <translation>Ports</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>any protocol</source>
        <translation>beliebiges Protokoll</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Allow access from</source>
        <translation>Zugriff zulassen von</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>My address as Azure sees it (recommended)</source>
        <translation>Meine von Azure erkannte Adresse (empfohlen)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The request names no address; Azure uses the one your request comes from.</source>
        <translation>Die Anforderung nennt keine Adresse; Azure verwendet die Adresse, von der Ihre Anforderung kommt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>none found</source>
        <translation>keine gefunden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>My address on the way to the VM ({address}) — for a VPN or peered network</source>
        <translation>Meine Adresse auf dem Weg zur VM ({address}) – für VPN oder per Peering verbundene Netzwerke</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>These addresses or ranges:</source>
        <translation>Diese Adressen oder Bereiche:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. 203.0.113.7, 198.51.100.0/24</source>
        <translation>z. B. 203.0.113.7, 198.51.100.0/24</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The policy&apos;s allowed range ({ranges})</source>
        <translation>Der zulässige Bereich der Richtlinie ({ranges})</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Longest ({duration})</source>
        <translation>Maximum ({duration})</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Access ends at {end} your time ({duration} from when Azure grants it).</source>
        <translation>Der Zugriff endet um {end} Ihrer Ortszeit ({duration} ab der Gewährung durch Azure).</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>your address as Azure sees it</source>
        <translation>Ihre von Azure erkannte Adresse</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Opens port {ports} on {vms} for {source} until {end}.</source>
        <translation>Öffnet Port {ports} auf {vms} für {source} bis {end}.</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Access was granted to {vms}.</source>
        <translation>Zugriff auf {vms} wurde gewährt.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+18"/>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>The request could not be sent: {error}</source>
        <translation>Die Anforderung konnte nicht gesendet werden: {error}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The request was refused</source>
        <translation>Die Anforderung wurde abgelehnt</translation>
    </message>
</context>
<context>
    <name>ScopeTree</name>
    <message>
        <location filename="../../jitdesk/ui/scope_tree.py" line="+49"/>
        <source>All subscriptions</source>
        <translation>Alle Abonnements</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{name}: you are a guest in this tenant ({domain})</source>
        <translation>{name}: Sie sind Gast in diesem Mandanten ({domain})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{name} (guest)</source>
        <translation>{name} (Gast)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The {part} could not be read; VMs are shown without them. {why}</source>
        <translation>Folgendes konnte nicht gelesen werden: {part}. Die VMs werden ohne diese Angaben angezeigt. {why}</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>All subscriptions ({count})</source>
        <translation>Alle Abonnements ({count})</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>{name} (loading…)</source>
        <translation>{name} (wird geladen…)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name} ({count})</source>
        <translation>{name} ({count})</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <location filename="../../jitdesk/config/settings.py" line="+55"/>
        <source>&apos;{part}&apos; is not a number of minutes from 1 to {most}. Write the warning times as whole minutes separated by commas, like 10,2.</source>
        <translation>„{part}“ ist keine Minutenzahl von 1 bis {most}. Schreiben Sie die Warnzeiten als ganze Minuten, durch Kommas getrennt, z. B. 10,2.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Require a justification</source>
        <translation>Begründung verlangen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refuse to send a request without a reason for the audit log.</source>
        <translation>Keine Anforderung ohne Begründung für das Überwachungsprotokoll senden.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Default duration (minutes)</source>
        <translation>Standarddauer (Minuten)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How long a request asks for unless you change it; never more than the policy allows.</source>
        <translation>Die Dauer, die eine Anforderung verlangt, wenn Sie sie nicht ändern; nie mehr, als die Richtlinie zulässt.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Warn before access ends (minutes)</source>
        <translation>Vor Ablauf des Zugriffs warnen (Minuten)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When to be warned before a grant closes, in minutes, separated by commas (10,2 warns ten and two minutes before). Leave empty for no warnings.</source>
        <translation>Wann Sie vor dem Ende eines Zugriffs gewarnt werden, in Minuten, durch Kommas getrennt (10,2 warnt zehn und zwei Minuten vorher). Leer lassen, um nicht gewarnt zu werden.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Re-read open grants every (seconds)</source>
        <translation>Prüfintervall für offene Zugriffe (Sekunden)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>While access is open, how often jitdesk asks Azure whether it still is (someone may have replaced or revoked it).</source>
        <translation>Wie oft jitdesk bei Azure nachfragt, ob ein offener Zugriff noch besteht (jemand könnte ihn ersetzt oder widerrufen haben).</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Keep running in the tray while access is open</source>
        <translation>Bei offenem Zugriff im Infobereich bleiben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closing the window keeps jitdesk in the system tray while you have open grants, so it can still warn you before they end.</source>
        <translation>Beim Schließen des Fensters bleibt jitdesk im Infobereich, solange Sie offene Zugriffe haben, damit es Sie vor deren Ende warnen kann.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>RDP command</source>
        <translation>RDP-Befehl</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Leave empty to use the RDP client jitdesk finds. Otherwise a JSON list of arguments, program first, like [&quot;xfreerdp&quot;, &quot;/v:{address}&quot;, &quot;/u:{user}&quot;]. Placeholders: {host}, {port}, {address} (host:port), {user} (the argument is left out without a user name), {user_at} (user@ or nothing), {rdp_file} (a connection file jitdesk writes), {title}. No shell is involved.</source>
        <translation>Leer lassen, um den RDP-Client zu verwenden, den jitdesk findet. Sonst eine JSON-Liste von Argumenten, das Programm zuerst, z. B. [&quot;xfreerdp&quot;, &quot;/v:{address}&quot;, &quot;/u:{user}&quot;]. Platzhalter: {host}, {port}, {address} (Host:Port), {user} (ohne Benutzernamen entfällt das Argument), {user_at} (Benutzer@ oder nichts), {rdp_file} (eine Verbindungsdatei, die jitdesk schreibt), {title}. Es wird keine Shell verwendet.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>SSH command</source>
        <translation>SSH-Befehl</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Leave empty to open SSH in the terminal jitdesk finds. Otherwise a JSON list of arguments, program first, like [&quot;xterm&quot;, &quot;-e&quot;, &quot;ssh&quot;, &quot;-p&quot;, &quot;{port}&quot;, &quot;{user_at}{host}&quot;]. Placeholders: {host}, {port}, {address} (host:port), {user} (the argument is left out without a user name), {user_at} (user@ or nothing), {title} (the VM&apos;s name). No shell is involved.</source>
        <translation>Leer lassen, um SSH in dem Terminal zu öffnen, das jitdesk findet. Sonst eine JSON-Liste von Argumenten, das Programm zuerst, z. B. [&quot;xterm&quot;, &quot;-e&quot;, &quot;ssh&quot;, &quot;-p&quot;, &quot;{port}&quot;, &quot;{user_at}{host}&quot;]. Platzhalter: {host}, {port}, {address} (Host:Port), {user} (ohne Benutzernamen entfällt das Argument), {user_at} (Benutzer@ oder nichts), {title} (der Name der VM). Es wird keine Shell verwendet.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Wait for the port (seconds)</source>
        <translation>Auf den Port warten (Sekunden)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How long Connect waits for a port to answer after access was granted, before it gives up and says the likely cause.</source>
        <translation>Wie lange „Verbinden“ nach der Freigabe darauf wartet, dass ein Port antwortet, bevor es aufgibt und die wahrscheinliche Ursache nennt.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../jitdesk/ui/settings_dialog.py" line="+34"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
</context>
<context>
    <name>TrayController</name>
    <message>
        <location filename="../../jitdesk/ui/tray.py" line="+90"/>
        <source>jitdesk — no access open</source>
        <translation>jitdesk — kein Zugriff offen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>jitdesk — {vm}:{port} closes in {left}{more}</source>
        <translation>jitdesk — {vm}:{port} schließt in {left}{more}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> (+{n} more)</source>
        <translation> (+{n} weitere)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No access open</source>
        <translation>Kein Zugriff offen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{vm} ({ports}) — {left}</source>
        <translation>{vm} ({ports}) — {left}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Extend…</source>
        <translation>Verlängern…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open jitdesk</source>
        <translation>jitdesk öffnen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
</context>
<context>
    <name>VmActions</name>
    <message>
        <location filename="../../jitdesk/ui/vm_actions.py" line="+74"/>
        <source>Request access…</source>
        <translation>Zugriff anfordern…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ask Azure to open ports of the selected VMs (Enter)</source>
        <translation>Azure bitten, Ports der ausgewählten VMs zu öffnen (Eingabetaste)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enable JIT…</source>
        <translation>JIT aktivieren…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Turn on just-in-time access for the selected VMs</source>
        <translation>Just-in-Time-Zugriff für die ausgewählten VMs aktivieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Edit JIT policy…</source>
        <translation>JIT-Richtlinie bearbeiten…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change the ports, sources and longest grant of the VM</source>
        <translation>Ports, Quellen und maximale Anforderungszeit der VM ändern</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove JIT…</source>
        <translation>JIT entfernen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Turn off just-in-time access for the selected VMs</source>
        <translation>Just-in-Time-Zugriff für die ausgewählten VMs deaktivieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Turn on Defender for Servers…</source>
        <translation>Defender for Servers aktivieren…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>JIT needs Microsoft Defender for Servers Plan 2</source>
        <translation>JIT erfordert Microsoft Defender for Servers Plan 2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export requests…</source>
        <translation>Anforderungen exportieren…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the request history of the selected VMs (or all) as CSV</source>
        <translation>Anforderungsverlauf der ausgewählten VMs (oder aller) als CSV-Datei speichern</translation>
    </message>
    <message>
        <location line="+162"/>
        <source>Enable JIT</source>
        <translation>JIT aktivieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Just-in-time access for {vms}: the ticked ports stay closed until someone asks for them.</source>
        <translation>Just-in-Time-Zugriff für {vms}: Die aktivierten Ports bleiben geschlossen, bis jemand sie anfordert.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>JIT could not be enabled</source>
        <translation>JIT konnte nicht aktiviert werden</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Edit JIT policy</source>
        <translation>JIT-Richtlinie bearbeiten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rules of {vm} in policy “{policy}”. Other VMs of the policy are kept as they are.</source>
        <translation>Regeln für {vm} in der Richtlinie „{policy}“. Andere VMs der Richtlinie bleiben unverändert.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The JIT policy could not be saved</source>
        <translation>Die JIT-Richtlinie konnte nicht gespeichert werden</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Remove JIT</source>
        <translation>JIT entfernen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove just-in-time access from {vms}?

Their management ports will then be governed only by their network security groups, which may leave them open or closed for good. Open grants end now.</source>
        <translation>Just-in-Time-Zugriff für {vms} entfernen?

Ihre Verwaltungsports werden dann nur noch durch ihre Netzwerksicherheitsgruppen geregelt, die sie dauerhaft offen oder geschlossen lassen können. Offene Zugriffe enden sofort.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>JIT could not be removed</source>
        <translation>JIT konnte nicht entfernt werden</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Turn on Defender for Servers Plan 2</source>
        <translation>Defender for Servers Plan 2 aktivieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Just-in-time access needs Microsoft Defender for Servers Plan 2 on “{sub}”.

Turning it on covers every server in the subscription and is billed per server and month after a 30-day free trial. Only an owner or security admin of the subscription may do this.

Turn it on now?</source>
        <translation>Just-in-Time-Zugriff erfordert Microsoft Defender for Servers Plan 2 für „{sub}“.

Der Plan gilt dann für jeden Server im Abonnement und wird nach einer kostenlosen 30-tägigen Testphase pro Server und Monat abgerechnet. Nur ein Besitzer oder Sicherheitsadministrator des Abonnements darf ihn aktivieren.

Jetzt aktivieren?</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Defender for Servers was not turned on</source>
        <translation>Defender for Servers wurde nicht aktiviert</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Export requests</source>
        <translation>Anforderungen exportieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
</context>
<context>
    <name>VmTableModel</name>
    <message>
        <location filename="../../jitdesk/ui/vm_table.py" line="+71"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JIT state</source>
        <translation>JIT-Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open ports · time left</source>
        <translation>Offene Ports · Zeit übrig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Power</source>
        <translation>Energiestatus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OS</source>
        <translation>BS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resource group</source>
        <translation>Ressourcengruppe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subscription</source>
        <translation>Abonnement</translation>
    </message>
    <message>
        <location line="+157"/>
        <source>Public address; private: {ip}</source>
        <translation>Öffentliche Adresse; privat: {ip}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Private address (the VM has no public one)</source>
        <translation>Private Adresse (die VM hat keine öffentliche)</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Port {port} open for {source} until {end}, requested by {who}</source>
        <translation>Port {port} offen für {source} bis {end}, angefordert von {who}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the requester&apos;s address</source>
        <translation>die Adresse des Anforderers</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>JIT is on; ports {ports} can be requested.</source>
        <translation>JIT ist aktiviert; die Ports {ports} können angefordert werden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>JIT is not enabled on this VM.</source>
        <translation>JIT ist für diese VM nicht aktiviert.</translation>
    </message>
</context>
<context>
    <name>Wording</name>
    <message>
        <location filename="../../jitdesk/domain/wording.py" line="+34"/>
        <source>Not configured</source>
        <translation>Nicht konfiguriert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed</source>
        <translation>Geschlossen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unsupported</source>
        <translation>Nicht unterstützt</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+49"/>
        <location line="+6"/>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <location line="-51"/>
        <source>classic VM</source>
        <translation>klassische VM</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no network security group</source>
        <translation>keine NSG</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Defender plan missing</source>
        <translation>Defender-Plan fehlt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no permission to read</source>
        <translation>kein Lesezugriff</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>policies could not be read</source>
        <translation>Richtlinien nicht lesbar</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This is a classic (Azure Service Manager) VM. Just-in-time access works only for VMs deployed through Azure Resource Manager; migrate the VM to use it.</source>
        <translation>Dies ist eine klassische VM (Azure Service Manager). Just-in-Time-Zugriff funktioniert nur für VMs, die über Azure Resource Manager bereitgestellt wurden; migrieren Sie die VM, um ihn zu nutzen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Neither the VM&apos;s network interface nor its subnet has a network security group, so there is nothing for just-in-time access to open and close. Attach an NSG (or put the VM behind an Azure Firewall) first.</source>
        <translation>Weder die Netzwerkschnittstelle der VM noch ihr Subnetz hat eine Netzwerksicherheitsgruppe, daher gibt es für den Just-in-Time-Zugriff nichts zu öffnen und zu schließen. Ordnen Sie zuerst eine NSG zu (oder stellen Sie die VM hinter eine Azure Firewall).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Just-in-time access needs Microsoft Defender for Servers Plan 2 on this subscription, and it is not enabled. An owner or security admin can turn it on in Defender for Cloud (billed per server and month, with a 30-day trial).</source>
        <translation>Just-in-Time-Zugriff erfordert Microsoft Defender for Servers Plan 2 für dieses Abonnement, und der Plan ist nicht aktiviert. Ein Besitzer oder Sicherheitsadministrator kann ihn in Defender for Cloud aktivieren (Abrechnung pro Server und Monat, mit 30-tägiger Testphase).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>You may not read the JIT policies of this subscription, so jitdesk cannot tell whether JIT is on. Ask for a role with &apos;Microsoft.Security/locations/jitNetworkAccessPolicies/read&apos;, such as Security Reader.</source>
        <translation>Sie dürfen die JIT-Richtlinien dieses Abonnements nicht lesen, daher kann jitdesk nicht feststellen, ob JIT aktiviert ist. Fordern Sie eine Rolle mit „Microsoft.Security/locations/jitNetworkAccessPolicies/read“ an, z. B. „Security Reader“ (Sicherheitsleseberechtigter).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The JIT policies of this subscription could not be read just now. Refresh (F5) to try again.</source>
        <translation>Die JIT-Richtlinien dieses Abonnements konnten gerade nicht gelesen werden. Aktualisieren Sie die Ansicht (F5), um es erneut zu versuchen.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Running</source>
        <translation>In Betrieb</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Starting</source>
        <translation>Wird gestartet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stopping</source>
        <translation>Wird beendet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stopped</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deallocating</source>
        <translation>Wird freigegeben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deallocated</source>
        <translation>Zuordnung aufgehoben</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Windows</source>
        <translation>Windows</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Linux</source>
        <translation>Linux</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Defender for Servers Plan 2</source>
        <translation>Defender for Servers Plan 2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Defender for Servers Plan 1 (no JIT)</source>
        <translation>Defender for Servers Plan 1 (ohne JIT)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Defender for Servers off (no JIT)</source>
        <translation>Defender for Servers aus (ohne JIT)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Defender plan unknown</source>
        <translation>Defender-Plan unbekannt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>its time is up</source>
        <translation>seine Zeit ist abgelaufen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a newer request for the same port replaced it</source>
        <translation>eine neuere Anforderung für denselben Port hat ihn ersetzt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Azure closed it early</source>
        <translation>Azure hat ihn vorzeitig beendet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the request, or JIT on this VM, was removed from the policy</source>
        <translation>die Anforderung oder JIT für diese VM wurde aus der Richtlinie entfernt</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{state}: {reason}</source>
        <translation>{state}: {reason}</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>1 day</source>
        <translation>1 Tag</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{n} days</source>
        <translation>{n} Tage</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{h} h {m} min</source>
        <translation>{h} Std. {m} Min.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{h} h</source>
        <translation>{h} Std.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{m} min</source>
        <translation>{m} Min.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>An owner can grant it with a custom “JIT requester” role or a role such as Security Admin on the VM&apos;s resource group.</source>
        <translation>Ein Besitzer kann sie Ihnen mit einer benutzerdefinierten Rolle „JIT requester“ oder einer Rolle wie „Security Admin“ (Sicherheitsadministrator) für die Ressourcengruppe der VM erteilen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Roles that grant it include Security Reader and Reader.</source>
        <translation>Rollen, die sie erteilen, sind u. a. „Security Reader“ (Sicherheitsleseberechtigter) und „Reader“ (Leser).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Configuring JIT needs Security Admin together with Virtual Machine Contributor (or Contributor) on the VM&apos;s resource group.</source>
        <translation>Zum Konfigurieren von JIT sind „Security Admin“ und „Virtual Machine Contributor“ (oder „Contributor“) für die Ressourcengruppe der VM erforderlich.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Removing JIT needs Security Admin (or Contributor) on the VM&apos;s resource group.</source>
        <translation>Zum Entfernen von JIT ist „Security Admin“ (oder „Contributor“) für die Ressourcengruppe der VM erforderlich.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Turning on a Defender plan needs Security Admin or Owner on the subscription.</source>
        <translation>Zum Aktivieren eines Defender-Plans ist „Security Admin“ oder „Owner“ (Besitzer) für das Abonnement erforderlich.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Azure refused: your account lacks the permission &apos;{action}&apos; here. {hint}</source>
        <translation>Von Azure abgelehnt: Ihrem Konto fehlt hier die Berechtigung „{action}“. {hint}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Ask an owner of the subscription for a role that includes it.</source>
        <translation>Bitten Sie einen Besitzer des Abonnements um eine Rolle, die sie enthält.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Azure refused: your account has no permission for this. Ask an owner of the subscription for access.</source>
        <translation>Von Azure abgelehnt: Ihr Konto hat dafür keine Berechtigung. Bitten Sie einen Besitzer des Abonnements um Zugriff.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Your sign-in has expired or is not valid for this tenant. Sign in again.</source>
        <translation>Ihre Anmeldung ist abgelaufen oder für diesen Mandanten nicht gültig. Melden Sie sich erneut an.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Just-in-time access is not enabled on this VM (no JIT policy found).</source>
        <translation>Just-in-Time-Zugriff ist für diese VM nicht aktiviert (keine JIT-Richtlinie gefunden).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Azure could not find this resource. It may have been deleted or moved; refresh (F5).</source>
        <translation>Azure konnte diese Ressource nicht finden. Sie wurde möglicherweise gelöscht oder verschoben; aktualisieren Sie die Ansicht (F5).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Azure is receiving too many requests from you right now. Wait a minute, then try again.</source>
        <translation>Azure erhält gerade zu viele Anfragen von Ihnen. Warten Sie eine Minute, und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No jitdesk emulator answers at {url}. Start one with &apos;jitdesk emulator&apos; and use the URL and CA file it prints, or start the built-in demo with --demo.</source>
        <translation>Unter {url} antwortet kein jitdesk-Emulator. Starten Sie einen mit „jitdesk emulator“, und verwenden Sie die URL und die CA-Datei, die er ausgibt, oder starten Sie die integrierte Demo mit --demo.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Azure could not be reached. Check your network connection or proxy, then try again.</source>
        <translation>Azure ist nicht erreichbar. Überprüfen Sie Ihre Netzwerkverbindung oder Ihren Proxy, und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Azure had a problem answering ({status}). Try again in a moment.</source>
        <translation>Bei Azure ist ein Problem aufgetreten ({status}). Versuchen Sie es in Kürze erneut.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Someone else changed this resource at the same time. Refresh (F5) and try again.</source>
        <translation>Jemand anderes hat diese Ressource gleichzeitig geändert. Aktualisieren Sie die Ansicht (F5), und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Azure refused the request: {message}</source>
        <translation>Azure hat die Anforderung abgelehnt: {message}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Azure answered with an error: {message}</source>
        <translation>Azure hat mit einem Fehler geantwortet: {message}</translation>
    </message>
</context>
</TS>
