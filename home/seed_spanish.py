"""The seed pages' Spanish text, segment by segment, as wagtail-localize extracts them from the
English: the English segment (the seed's own copy and the shipped statement's paragraphs, with
links as <a id="aN">) and its Spanish. A segment not found here, e.g. from another seed file,
stays untranslated for translators to do in the admin."""

SLUGS = ["statement", "take-action", "join", "about", "privacy"]

STATEMENT = {
    # The map the seed puts between the statement and the list.
    "Where the signatories are": "Dónde están los firmantes",
    "Organizations in every part of the country have signed.": (
        "Han firmado organizaciones de todas partes del país."
    ),
    "Statement in Support of Local Policies That Protect Immigrants": (
        "Declaración en apoyo de las políticas locales que protegen a los inmigrantes"
    ),
    "Our organizations stand behind the hundreds of state and local policies protecting "
    "localities from intrusive collusion, monitoring, and policing by federal immigration "
    "authorities.": (
        "Nuestras organizaciones respaldan los cientos de políticas estatales y locales que "
        "protegen a las localidades de la colaboración, la vigilancia y la actuación policial "
        "intrusivas de las autoridades federales de inmigración."
    ),
    "These policies emerged after years of reasonable discussion and debate amongst community "
    "groups, local officials, and police and sheriff departments, as hundreds of cities, towns "
    "and states grappled with the harm of deportation programs, like the failed Secure "
    "Communities (S-Comm) now renamed the Priority Enforcement Program (PEP). Our communities "
    "rightly concluded that local pro-immigrant policies not only protect public safety and "
    "constitutional rights—they are integral to fostering diverse and thriving communities.": (
        "Estas políticas surgieron tras años de diálogo y debate razonados entre grupos "
        "comunitarios, autoridades locales y departamentos de policía y oficinas de alguaciles, "
        "mientras cientos de ciudades, pueblos y estados hacían frente al daño de los programas "
        "de deportación, como el fracasado programa Comunidades Seguras (Secure Communities, "
        "S-Comm), hoy rebautizado como Programa de Aplicación Prioritaria (Priority Enforcement "
        "Program, PEP). Nuestras comunidades concluyeron con razón que las políticas locales "
        "favorables a los inmigrantes no solo protegen la seguridad pública y los derechos "
        "constitucionales: son esenciales para forjar comunidades diversas y prósperas."
    ),
    "The scapegoating of immigrant communities and attacks on local pro-immigrant policies and "
    "the officials who enacted them reflects a hardening racism and xenophobia in American "
    "politics that we must eliminate, not foster. These attacks may score some political "
    "points in the short-term but strike against good governance and inclusive democracy.": (
        "Convertir a las comunidades inmigrantes en chivo expiatorio y atacar las políticas "
        "locales favorables a los inmigrantes, y a las autoridades que las adoptaron, refleja "
        "un racismo y una xenofobia cada vez más arraigados en la política estadounidense, que "
        "debemos erradicar y no alentar. Estos ataques pueden dar algún rédito político a corto "
        "plazo, pero atentan contra el buen gobierno y una democracia incluyente."
    ),
    "We call on officials to stand up for human and civil rights and reject ineffective and "
    "punitive measures against immigrants, including PEP, a program that dangerously increases "
    "federal entanglement with local police. Officials should support the difficult but "
    "necessary work of examining and addressing the root causes of violence in our "
    "communities.": (
        "Pedimos a las autoridades que defiendan los derechos humanos y civiles y rechacen las "
        "medidas ineficaces y punitivas contra los inmigrantes, entre ellas el PEP, un programa "
        "que aumenta peligrosamente la intromisión federal en la policía local. Las autoridades "
        "deben apoyar la labor difícil pero necesaria de examinar y atender las causas de fondo "
        "de la violencia en nuestras comunidades."
    ),
    "We call on local, state, and federal officials to work with us to hear solutions about "
    "what community safety and welfare really mean for us – beyond more policing, "
    "incarceration, and deportation.": (
        "Pedimos a las autoridades locales, estatales y federales que trabajen con nosotros y "
        "escuchen nuestras propuestas sobre lo que de verdad significan para nosotros la "
        "seguridad y el bienestar de la comunidad, más allá de más policía, más cárcel y más "
        "deportaciones."
    ),
    'Visit our <a id="a1">Take Action page</a> for more info on how you can help. '
    '<a id="a2">Click here to join</a> the growing number of organizations listed below in '
    "support of policies that protect immigrants and promote community safety.": (
        'Visite nuestra página <a id="a1">Pase a la acción</a> para saber cómo puede ayudar. '
        '<a id="a2">Haga clic aquí para sumarse</a> al número creciente de organizaciones que '
        "figuran abajo en apoyo de las políticas que protegen a los inmigrantes y promueven la "
        "seguridad de la comunidad."
    ),
    "Signatories": "Firmantes",
}

TAKE_ACTION = {
    "Take Action": "Pase a la acción",
    "Signing the statement is the first step. Here are more ways your organization and your "
    "community can stand up for policies that protect immigrants.": (
        "Firmar la declaración es el primer paso. Estas son otras formas en que su organización "
        "y su comunidad pueden defender las políticas que protegen a los inmigrantes."
    ),
    "Add your organization": "Agregue su organización",
    "Join the organizations that have signed the statement.": (
        "Súmese a las organizaciones que ya han firmado la declaración."
    ),
    "Sign on": "Firmar",
    "Talk to your local officials": "Hable con sus autoridades locales",
    "Tell your city council, sheriff and state legislators why local policies that protect "
    "immigrants keep everyone safer.": (
        "Explique a su concejo municipal, a su alguacil y a sus legisladores estatales por qué "
        "las políticas locales que protegen a los inmigrantes nos hacen a todos más seguros."
    ),
    "Find your officials": "Encuentre a sus autoridades",
    "Bring the statement to your community": "Lleve la declaración a su comunidad",
    "Share the statement at your next meeting, service or newsletter, and ask partner "
    "organizations to sign.": (
        "Comparta la declaración en su próxima reunión, celebración o boletín, y pida a sus "
        "organizaciones aliadas que la firmen."
    ),
    "Read the statement": "Leer la declaración",
    "Spread the word": "Corra la voz",
    "Hundreds of organizations stand behind local policies that protect immigrants and "
    "community safety. Read the statement and sign on.": (
        "Cientos de organizaciones respaldan las políticas locales que protegen a los "
        "inmigrantes y la seguridad de la comunidad. Lea la declaración y súmese."
    ),
}

JOIN = {
    "Add your organization": "Agregue su organización",
    "Organizations of every size can sign the statement. Tell us your organization's name and "
    "where it works. An editor checks each request before the name appears in the list, "
    "usually within a few days.": (
        "Organizaciones de cualquier tamaño pueden firmar la declaración. Indíquenos el nombre "
        "de su organización y dónde trabaja. Un editor revisa cada solicitud antes de que el "
        "nombre aparezca en la lista, normalmente en pocos días."
    ),
    "We confirm that our organization agrees to be listed publicly as a signatory of this "
    "statement.": (
        "Confirmamos que nuestra organización acepta figurar públicamente como firmante de esta "
        "declaración."
    ),
    "Thank you for adding your organization": "Gracias por agregar su organización",
    "We have sent the message to the contact address you gave. If it has not arrived in a few "
    "minutes, look in your spam folder. An editor usually reviews requests within a few days.": (
        "Hemos enviado el mensaje a la dirección de contacto que nos indicó. Si no ha llegado en "
        "unos minutos, revise su carpeta de correo no deseado. Un editor suele revisar las "
        "solicitudes en pocos días."
    ),
}

ABOUT = {
    "About the coalition": "Acerca de la coalición",
    "This statement is published by a coalition of organizations across the United States "
    "that stand behind local policies protecting immigrants and community safety. "
    "Organizations of every size, national and local, have signed it.": (
        "Esta declaración la publica una coalición de organizaciones de todo Estados Unidos que "
        "respaldan las políticas locales que protegen a los inmigrantes y la seguridad de la "
        "comunidad. La han firmado organizaciones de todos los tamaños, nacionales y locales."
    ),
    "The coalition's editors check every request before an organization's name appears in the "
    "list, and they keep the list up to date when an organization asks to be removed or "
    "corrected.": (
        "Los editores de la coalición revisan cada solicitud antes de que el nombre de una "
        "organización aparezca en la lista, y la mantienen al día cuando una organización pide "
        "que se la quite o se corrija su entrada."
    ),
}

# The retention period itself is the retention block's, translated in the interface catalog
# with the configured number of days.
PRIVACY = {
    "Privacy notice": "Aviso de privacidad",
    "This notice explains what happens to what you send us when you add your organization to "
    "the statement, or ask us to remove or correct a listing.": (
        "Este aviso explica qué ocurre con lo que nos envía cuando agrega su organización a la "
        "declaración, o cuando nos pide quitar o corregir una entrada."
    ),
    "What the form collects": "Qué datos recoge el formulario",
    "Your organization's name, and its state or National.": (
        "El nombre de su organización, y su estado o Nacional."
    ),
    "Its city and website, if you give them.": "Su ciudad y su sitio web, si los indica.",
    "A contact name and email address.": (
        "Un nombre y una dirección de correo electrónico de contacto."
    ),
    "Your confirmation that the organization agrees to be listed, and when you gave it.": (
        "Su confirmación de que la organización acepta figurar en la lista, y cuándo la dio."
    ),
    "For a change to a listing, what should change.": (
        "Si pide cambiar una entrada, qué debe cambiar."
    ),
    "The site also notes the language you used and how long the form took to fill in, to tell "
    "people from automated submissions. It counts requests from each internet address for a "
    "short while to limit floods, and does not store the address with your request. It uses no "
    "tracking or advertising scripts.": (
        "El sitio también anota el idioma que usó y cuánto tardó en completar el formulario, "
        "para distinguir a las personas de los envíos automatizados. Cuenta durante un breve "
        "tiempo las solicitudes de cada dirección de internet para frenar los envíos masivos, y "
        "no guarda la dirección con su solicitud. No usa scripts de seguimiento ni de publicidad."
    ),
    "Why": "Para qué",
    "We publish the organization's name, state, city and website in the list of signatories. "
    "We use the contact details only to send you a link to confirm the request, and to ask you "
    "about it if something is unclear.": (
        "Publicamos el nombre, el estado, la ciudad y el sitio web de la organización en la "
        "lista de firmantes. Usamos los datos de contacto solo para enviarle un enlace con el "
        "que confirmar la solicitud, y para consultarle si algo no está claro."
    ),
    "Who sees it": "Quién los ve",
    "Everyone can see a listing once an editor has approved it: on this site, in the list's "
    "open data files and in the copies of the statement we deliver to officials. Only the "
    "coalition's editors see the contact details. We never publish, sell or share them.": (
        "Cualquier persona puede ver una entrada una vez que un editor la ha aprobado: en este "
        "sitio, en los archivos de datos abiertos de la lista y en las copias de la declaración "
        "que entregamos a las autoridades. Solo los editores de la coalición ven los datos de "
        "contacto. Nunca los publicamos, vendemos ni compartimos."
    ),
    "How long we keep it": "Cuánto tiempo los conservamos",
    "A published listing stays in the list for as long as the statement is online, unless the "
    "organization asks us to remove it.": (
        "Una entrada publicada permanece en la lista mientras la declaración esté en línea, a "
        "menos que la organización nos pida quitarla."
    ),
    "Withdraw or correct a listing": "Retirar o corregir una entrada",
    'On the <a id="a1">Add your organization</a> page, follow “Already listed? Remove or '
    "correct your listing” and tell us what should change. We send a link to the contact "
    "address you give, and an editor checks the request before the listing changes.": (
        'En la página <a id="a1">Agregue su organización</a>, siga “¿Ya figura en la lista? '
        "Quite o corrija su entrada” y díganos qué debe cambiar. Enviamos un enlace a la "
        "dirección de contacto que nos indique, y un editor revisa la solicitud antes de que la "
        "entrada cambie."
    ),
}

SPANISH = {
    **{slug: slug for slug in SLUGS},
    **STATEMENT,
    **TAKE_ACTION,
    **JOIN,
    **ABOUT,
    **PRIVACY,
}
