/* generate.c - seeded synthetic personakter and their expected verdicts.
 * See generate.h.  Layout of this file:
 *   1. text pools (Swedish) and names
 *   2. the choice record of one akt and how it is drawn (build)
 *   3. the oracle: verdicts from the choices (semantics.md)
 *   4. rendering the choices as akt XML
 *   5. units, coverage forcing, the run
 */
#define _POSIX_C_SOURCE 200809L
#include "generate.h"
#include "rng.h"
#include "util.h"
#include "verdict.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ================================================================ 1. texts */

static const char *const FIRST_F[] = {
	"Anna", "Sara", "Maria", "Elin", "Emma", "Karin", "Linnéa", "Johanna",
	"Fatima", "Amina", "Sofia", "Helena", "Ida", "Malin", "Leila", "Hanna",
	"Åsa", "Eva", "Nora", "Zeynep", "Marjatta", "Jenny", "Ulrika", "Yasmin"
};
static const char *const FIRST_M[] = {
	"Erik", "Johan", "Ahmed", "Mohammed", "Anders", "Mikael", "Oskar",
	"Daniel", "Ali", "Jonas", "Per", "Hassan", "Lars", "Emil", "Fredrik",
	"Yusuf", "Kalle", "Björn", "Mats", "Omar", "Tomas", "Goran", "Stefan", "Reza"
};
static const char *const FIRST_CHILD[] = {
	"Elsa", "Alva", "Wilma", "Maja", "Ebba", "Liam", "Noah", "Hugo", "Adam",
	"Leo", "Alice", "Vera", "Olle", "Selma", "Ines", "Sami", "Nils", "Saga",
	"Tilde", "Elias", "Melvin", "Amira", "Zakaria", "Ella", "Isak", "Juni"
};
static const char *const LAST[] = {
	"Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson",
	"Olsson", "Persson", "Svensson", "Gustafsson", "Lindqvist", "Öberg",
	"Åberg", "Hussein", "Mohamed", "Yilmaz", "Nyström", "Holm", "Sandberg",
	"Ekström", "Berglund", "Lundgren", "Abdi", "Korhonen", "Järvinen",
	"Rahimi", "Björk", "Sjöberg"
};
static const char *const MONTHS[] = {
	"januari", "februari", "mars", "april", "maj", "juni", "juli",
	"augusti", "september", "oktober", "november", "december"
};

/* Not Text: below 10 characters after whitespace normalisation. */
static const char *const SHORT[] = {
	"", "-", "Se ovan.", "   Se ovan.   ", "Hänvisas.", "Saknas.",
	"Se bil.", "Ej känt", " \n  -  \n ", "Ok.", "Se nedan."
};
/* Text right at the threshold: exactly 10 characters once normalised
 * (the second is 10 characters but 12 bytes). */
static const char *const BORDER[] = {
	"Se journal", "  Se   journal  ", "Utrett ok.", "Klart, se."
};

static const char *const T_FORS[] = {
	"{S} saknar arbete sedan drygt ett år och har ingen rätt till ersättning från a-kassan. Hushållet saknar andra inkomster än de som framgår av ansökan.",
	"{S} är sjukskriven på heltid enligt läkarintyg och har fått avslag på sjukpenning från Försäkringskassan. Försörjningshindret är ohälsa.",
	"{S} läser sfi på halvtid och har ännu inte kunnat etablera sig på arbetsmarknaden. Inkomsterna räcker inte till hushållets skäliga levnadskostnader.",
	"{S} har en timanställning med få och oregelbundna timmar. Lönen räcker inte till hyra och levnadskostnader.",
	"{S} väntar på beslut om aktivitetsersättning och har under tiden inga egna inkomster."
};
static const char *const T_RES[] = {
	"{S} har gymnasieutbildning och tidigare erfarenhet av lagerarbete och städ. {S} har körkort och talar svenska, arabiska och engelska.",
	"{S} är motiverad att arbeta och har ett fungerande nätverk med syskon i kommunen som kan hjälpa till i vardagen.",
	"{S} har yrkeserfarenhet från restaurangbranschen och har tidigare klarat sin försörjning under flera år.",
	"{S} beskriver sig som strukturerad och har goda datorkunskaper. {S} har kontakt med en arbetsgivare om en möjlig provanställning."
};
static const char *const T_BEH[] = {
	"{S} behöver stöd i att söka arbete och hjälp att upprätta en budget. Det finns också behov av kontakt med budget- och skuldrådgivningen.",
	"{S} behöver samordnade insatser från Arbetsförmedlingen och vården för att kunna närma sig arbetsmarknaden.",
	"Det finns behov av stöd för att hitta en stabil boendesituation och av fortsatta studier i svenska.",
	"{S} behöver försörjningsstöd under en övergångsperiod och stöd i kontakterna med Försäkringskassan & Arbetsförmedlingen."
};
static const char *const T_BOE[] = {
	"Hushållet bor i en hyresrätt om tre rum och kök med förstahandskontrakt. Hyran är 8 450 kr per månad och det finns inga hyresskulder.",
	"{S} bor i andra hand hos en bekant och kontraktet löper ut om två månader. Boendesituationen är osäker.",
	"{S} har förstahandskontrakt på en tvåa. Det finns en mindre hyresskuld som hyresvärden har godtagit en avbetalningsplan för.",
	"{S} saknar egen bostad och bor tillfälligt på ett vandrarhem som kommunen har ordnat."
};
static const char *const T_HAL[] = {
	"{S} uppger att hälsan är god och att det inte finns några hinder för arbete på heltid.",
	"{S} har ryggbesvär och går på behandling hos fysioterapeut. Läkarintyg visar att arbetsförmågan är nedsatt till hälften.",
	"{S} beskriver sömnsvårigheter och oro men har inte sökt vård. Socialsekreteraren har informerat om vårdcentralens samtalsstöd.",
	"{S} har en adhd-diagnos och medicineras. {S} upplever att vardagen fungerar bra med medicinen."
};
static const char *const T_ARB[] = {
	"{S} är inskriven på Arbetsförmedlingen sedan i våras och deltar i Rusta och matcha. {S} söker minst tio arbeten per månad.",
	"{S} har arbetat som undersköterska men har inte haft någon anställning de senaste två åren. {S} är aktivt arbetssökande.",
	"{S} har en extratjänst på 75 procent som löper ut i december och söker arbete för tiden därefter.",
	"{S} har inte varit inskriven på Arbetsförmedlingen tidigare och har nu anmält sig där."
};
static const char *const T_UTB[] = {
	"{S} har gymnasieexamen från handelsprogrammet och har läst en kurs i svenska som andraspråk.",
	"{S} har nio års skolgång från hemlandet och läser nu sfi kurs C.",
	"{S} har en påbörjad högskoleutbildning i ekonomi som avbröts för två år sedan.",
	"{S} saknar fullständiga betyg från gymnasiet och är intresserad av vuxenutbildning inom vård och omsorg."
};
static const char *const T_FAM_SINGLE[] = {
	"{S} är ensamstående och har sin mamma och en bror i kommunen. Kontakten med familjen beskrivs som god.",
	"{S} bor ensam och har begränsad kontakt med sin familj som bor utomlands. {S} har några nära vänner.",
	"{S} är ensamstående. Föräldrarna bor i grannkommunen och hjälper ibland till med skjuts och mat."
};
static const char *const T_FAM_COUPLE[] = {
	"{S} lever tillsammans med {M} sedan sex år. Paret har stöd av släktingar i närheten.",
	"{S} och {M} är gifta och flyttade till kommunen förra året. De har få kontakter här ännu.",
	"{S} och {M} är sambor. {M} har en vuxen syster i kommunen som paret träffar ofta."
};
static const char *const T_FAM_KIDS[] = {
	"Hushållet består av {S} och de hemmavarande barnen. Den andra föräldern bor i en annan kommun och har kontakt med barnen.",
	"{S} är ensam vårdnadshavare. Mormor bor i närheten och hämtar ibland på förskolan och skolan.",
	"Familjen har ett litet nätverk i kommunen. {S} beskriver att vardagen med barnen fungerar men att ekonomin är ett ständigt orosmoment."
};
static const char *const T_EKO[] = {
	"{S} har inga inkomster och inga tillgångar. Kontoutdrag för de senaste tre månaderna har lämnats in och stämmer med uppgifterna i ansökan.",
	"{S} har en skuld på cirka 40 000 kr hos Kronofogden och betalar inte av på den i dag. Övriga utgifter är hyra, el och telefon.",
	"Hushållets inkomster består av lön och bostadsbidrag. Kontroll i Infotorg visar inga fordon eller företag.",
	"Hushållet har bostadsbidrag. Utgifterna är hyra, el och hemförsäkring. Det finns skulder hos Kronofogden."
};
static const char *const T_ENS[] = {
	"{S} instämmer i beskrivningen och vill komma ut i arbete så snart som möjligt. {S} önskar stöd med att skriva cv.",
	"{S} säger: \"Jag vill klara mig själv och inte behöva söka bistånd.\" {S} önskar praktik inom vården.",
	"{S} har tagit del av utredningen och har inget att tillägga. {S} har själv formulerat sina mål.",
	"{S} anser att hälsan är det största hindret och vill få en ny läkarbedömning innan planering mot arbete."
};
/* analys-bedomning, matching bedöm|analys|sammantaget|mot bakgrund av */
static const char *const T_ANA_MATCH[] = {
	"Sammantaget bedöms {S} stå till arbetsmarknadens förfogande och ha rätt till försörjningsstöd. Planeringen inriktas mot arbete.",
	"Mot bakgrund av utredningen bedömer socialsekreteraren att försörjningshindret är arbetslöshet. {S} har resurser i form av utbildning och erfarenhet.",
	"Analys: hushållets behov kan inte tillgodoses på annat sätt. Stödet bör kombineras med insatser från Arbetsförmedlingen.",
	"Min bedömning är att {S} behöver samordnat stöd från vården och Arbetsförmedlingen för att på sikt bli självförsörjande."
};
/* analys-bedomning that is Text but matches none of the words */
static const char *const T_ANA_PLAIN[] = {
	"{S} har rätt till försörjningsstöd under perioden. Planering sker tillsammans med {S} och Arbetsförmedlingen.",
	"Ärendet fortsätter. {S} ska lämna in kontoutdrag och hyresavi varje månad.",
	"Hushållet uppfyller villkoren och stöd ges enligt riksnormen.",
	"Se journal"
};
static const char *const T_KOM[] = {
	"Uppgifter från Arbetsförmedlingen har kommunicerats med {S} vid besök innan beslut.",
	"Underlaget har skickats till {S} för kommunicering med svarstid en vecka."
};
static const char *const T_OVR[] = {
	"{S} har informerats om skyldigheten att anmäla ändrade förhållanden.",
	"Tolk på arabiska har använts vid samtalen."
};
/* barnens-situation, by age band */
static const char *const T_SIT_BABY[] = {
	"{B} är hemma med föräldern och går på kontroller på BVC. {B} utvecklas väl enligt BVC.",
	"{B} har fått plats på förskolan från hösten. {B} sover och äter bra enligt föräldern."
};
static const char *const T_SIT_SMALL[] = {
	"{B} är {A} år och går på förskolan i området fem dagar i veckan. {B} trivs och har lätt att få kontakt med andra.",
	"{B} är {A} år och går på förskola. Personalen beskriver {B} som glad men ibland trött på måndagar."
};
static const char *const T_SIT_SCHOOL[] = {
	"{B} är {A} år och går i grundskolan. {B} trivs i skolan och spelar fotboll två kvällar i veckan.",
	"{B} är {A} år och har stöd av en speciallärare i läsning. {B} har många kompisar och går på fritids.",
	"{B} är {A} år. {B} har svårt att koncentrera sig i skolan och utreds av elevhälsan."
};
static const char *const T_SIT_TEEN[] = {
	"{B} är {A} år och går på högstadiet. {B} har hög frånvaro och skolkuratorn är inkopplad.",
	"{B} är {A} år och studerar på gymnasiet. {B} har ett sommarjobb och sparar till körkort.",
	"{B} är {A} år och spelar basket i en förening. {B} berättar att det är svårt att inte kunna följa med kompisarna."
};
static const char *const T_SIT_ADULT[] = {
	"{B} är {A} år och bor kvar hemma. {B} studerar på gymnasiet och har studiehjälp.",
	"{B} är {A} år och söker arbete. {B} räknas inte in i hushållets norm men bor hemma."
};
static const char *const T_BOENDE_SUFFIX[] = {
	"",
	" {B} bor hos {S} på heltid.",
	" {B} bor växelvis hos båda föräldrarna varannan vecka.",
	" {B} bor hos den andra föräldern och har umgänge hos {S} varannan helg."
};
static const char *const T_BASTA[] = {
	"Vid bedömningen har barnens behov av en stabil boendesituation och av fritidsaktiviteter beaktats. Beslutet bedöms inte påverka barnen negativt.",
	"Barnets bästa har beaktats genom att kostnader för fritidsaktivitet och skolresa har räknats in i behovet.",
	"Barnperspektivet har beaktats. Hushållet ska inte behöva flytta och barnen kan gå kvar i sina skolor."
};
static const char *const T_ROST[] = {
	"{B} har fått information om ärendet på ett sätt som passar åldern. {B} berättar att fotbollen är viktig och önskar att familjen får bo kvar.",
	"{B} har träffat socialsekreteraren vid ett enskilt samtal. {B} säger att det är jobbigt när pengarna inte räcker och att klassresan känns orolig."
};
static const char *const T_ROST_YOUNG[] = {
	"Samtal med {B} har inte genomförts eftersom {B} är {A} år. Perspektivet har i stället belysts genom samtal med föräldern och förskolan.",
	"{B} är för liten för ett eget samtal. Socialsekreteraren har träffat {B} vid hembesök och beskriver en trygg kontakt med föräldern."
};
static const char *const T_MAL[] = {
	"{S} ska ha ett arbete eller en utbildning som leder till egen försörjning inom ett år.",
	"{S} ska förbättra sina kunskaper i svenska och klara sfi kurs D före sommaren.",
	"{S} ska ha en stabil hälsa och en plan för återgång i arbete tillsammans med vården.",
	"Hushållet ska ha en hållbar ekonomi utan nya skulder."
};
static const char *const T_STEG[] = {
	"{S} anmäler sig till Arbetsförmedlingen och söker minst tio arbeten per månad. Socialsekreteraren följer upp vid varje möte.",
	"{S} deltar i kommunens arbetsmarknadsinsats tre dagar i veckan med start nästa månad.",
	"{S} bokar tid hos budget- och skuldrådgivare och tar med underlag om skulderna.",
	"{S} lämnar läkarintyg och deltar i avstämningsmöte med Försäkringskassan."
};
static const char *const T_UTV[] = {
	"Målet är delvis uppnått. {S} har sökt arbeten enligt planen men inte fått anställning. Planen revideras med inriktning mot praktik.",
	"{S} har fullföljt sfi kurs C och påbörjat kurs D. Målet för perioden är nått.",
	"Stegen har inte genomförts eftersom {S} har varit sjuk. En ny plan upprättas tillsammans med {S}.",
	"{S} har fått en visstidsanställning från nästa månad och behovet av bistånd väntas upphöra."
};
/* motivering without any child mention: must not match
 * \bbarn(en|ens|et|ets)?\b, even the ones with barnbidrag, barnomsorg,
 * småbarn (the last one only with Unicode word boundaries). */
static const char *const T_MOT_BIFALL[] = {
	"Hushållet saknar inkomster som täcker de skäliga levnadskostnaderna. Bistånd beviljas enligt riksnormen och faktiska kostnader för hyra och el.",
	"{S} står till arbetsmarknadens förfogande och har inga andra inkomster. Försörjningsstöd beviljas för perioden.",
	"Bistånd beviljas. Hushållets barnbidrag och bostadsbidrag har räknats som inkomst.",
	"Kostnaden för barnomsorg och hyra ryms i beräkningen. Försörjningsstöd beviljas för månaden.",
	"Kostnaden för blöjor till småbarn ingår i riksnormen. Bistånd beviljas för livsmedel och hyra."
};
static const char *const T_MOT_DELAVSLAG[] = {
	"Bistånd beviljas för livsmedel och hyra. Ansökan om hemutrustning avslås eftersom behovet inte är styrkt.",
	"Försörjningsstöd beviljas enligt riksnormen. Kostnaden för tandvård avslås då kostnadsförslag saknas.",
	"Bistånd beviljas delvis. Elräkningen för förra perioden har redan ersatts och avslås därför."
};
static const char *const T_MOT_AVSLAG[] = {
	"Ansökan avslås. {S} har inte stått till arbetsmarknadens förfogande under perioden och har avböjt anvisad praktik utan godtagbart skäl.",
	"Ansökan avslås eftersom hushållets inkomster överstiger riksnormen och skäliga kostnader för perioden.",
	"Ansökan avslås. {S} har inte lämnat de underlag som begärts och rätten till bistånd kan därför inte prövas."
};
/* appended to a motivering that mentions the children (matches) */
static const char *const T_MOT_BARN[] = {
	" Hänsyn har tagits till barnens behov av en trygg vardag.",
	" Barnets bästa har beaktats och kostnad för fritidsaktivitet för {B} har räknats in.",
	" Vid bedömningen har barnen i hushållet och deras behov av skolmaterial särskilt beaktats.",
	" Beslutet bedöms inte påverka barnet negativt eftersom hyran är betald."
};
/* short motivering (not Text) that still mentions the children */
static const char *const SHORT_BARN[] = { "Barnen.", "Se barnet", "Barn." };
static const char *const T_BESVAR[] = {
	"Beslutet kan överklagas hos förvaltningsrätten. Överklagandet ska ha kommit in inom tre veckor från den dag du fick del av beslutet.",
	"Information om hur man överklagar har lämnats muntligt och skriftligt (bilaga 'Hur man överklagar').",
	"Du kan överklaga beslutet till förvaltningsrätten inom tre veckor. Skicka överklagandet till socialnämnden."
};
static const char *const T_BKA[] = {
	"Beslutet innebär mindre utrymme för fritidsaktiviteter. Konsekvenserna för barnen bedöms som begränsade under en månad.",
	"Avslaget påverkar inte boendet. Barnen bedöms inte få påtagliga konsekvenser."
};
static const char *const AVSER[] = {
	"försörjningsstöd", "försörjningsstöd", "försörjningsstöd", "försörjningsstöd",
	"hemutrustning", "tandvård", "hyresskuld", "glasögon", "elräkning"
};
static const char *const BESLUTSFATTARE[] = {
	"Socialsekreterare enligt delegation", "1:e socialsekreterare",
	"Enhetschef enligt delegation"
};

/* The other party of an external contact (schema type part), the journal
 * heading for a contact with it (every one contains "Kontakt", which
 * UNG-01 counts), how the journal names it, and what was obtained. */
enum {
	PT_AF, PT_FK, PT_VARD, PT_SKOLA, PT_HYRESVARD, PT_KFM, PT_MIGR, PT_CSN,
	PT_ARBG, PT_MYND, PT_ANNAN, PT_N
};
static const char *const PART_ID[PT_N] = {
	"arbetsformedlingen", "forsakringskassan", "halso-och-sjukvard", "skola",
	"hyresvard", "kronofogden", "migrationsverket", "csn", "arbetsgivare",
	"annan-myndighet", "annan"
};
static const char *const PART_RUBRIK[PT_N] = {
	"Kontakt med Arbetsförmedlingen", "Kontakt med Försäkringskassan",
	"Kontakt med vården", "Kontakt med skolan", "Kontakt med hyresvärden",
	"Kontakt med Kronofogden", "Kontakt med Migrationsverket", "Kontakt med CSN",
	"Kontakt med arbetsgivare", "Kontakt med annan myndighet", "Kontakt med anhörig"
};
static const char *const PART_NAMN[PT_N] = {
	"handläggare på Arbetsförmedlingen", "handläggare på Försäkringskassan",
	"läkare på vårdcentralen", "mentor på skolan", "hyresvärden",
	"handläggare på Kronofogden", "handläggare på Migrationsverket",
	"handläggare på CSN", "arbetsgivaren", "socialtjänsten i tidigare hemkommun",
	"en anhörig"
};
/* weights of the parties, in percent */
static const int PART_W[PT_N] = { 30, 20, 15, 8, 8, 6, 3, 3, 4, 2, 1 };
static const char *const T_EXT[PT_N] = {
	"Uppgifter om inskrivning, aktivitetsrapporter och planering har hämtats från Arbetsförmedlingen.",
	"Uppgift från Försäkringskassan om beslut om sjukpenning och bostadsbidrag.",
	"Läkarintyg om arbetsförmågan har hämtats in från vårdcentralen.",
	"Uppgifter om barnens skolgång och frånvaro har lämnats av skolan.",
	"Uppgift från hyresvärden om hyresskuld och avbetalningsplan.",
	"Uppgifter om skulder och pågående utmätning har hämtats från Kronofogden.",
	"Uppgift om uppehållstillstånd och dagersättning från Migrationsverket.",
	"Uppgift från CSN om beviljade studiemedel för terminen.",
	"Uppgift från arbetsgivaren om anställningens omfattning och lön.",
	"Uppgifter om tidigare bistånd från socialtjänsten i den tidigare hemkommunen.",
	"En anhörig har lämnat uppgifter om hushållets boendesituation."
};
static const char *const T_SAMT_J[3] = {
	"Samtycke till kontakter med andra myndigheter har dokumenterats.",
	"{S} har skrivit under ett medgivande till kontakter med andra myndigheter och enskilda.",
	"{S} samtycker muntligt till att socialsekreteraren kontaktar andra myndigheter."
};
/* anvisning (PLAN-06): the activity and the grounds */
static const char *const T_VERK[] = {
	"Praktik på kommunens arbetsmarknadsenhet inom lager och logistik, tre dagar i veckan.",
	"Yrkessvenska med inriktning mot vård och omsorg hos vuxenutbildningen, halvtid.",
	"Arbetsträning i kommunens second hand-butik 20 timmar i veckan med handledare.",
	"Praktik i köket på en av kommunens förskolor fyra dagar i veckan."
};
static const char *const T_SKAL[] = {
	"{S} har stått utanför arbetsmarknaden i mer än ett år och behöver arbetslivserfarenhet och referenser för att komma vidare till arbete.",
	"Syftet är att {S} ska stärka sina möjligheter att bli självförsörjande. {S} har själv önskat en praktik inom vården.",
	"Insatsen ska ge {S} bättre kunskaper i svenska, som är det största hindret för att få arbete."
};

/* J_EXT is a contact with another party (heading and text by the party,
 * PART_RUBRIK and PART_NAMN); J_SAMT a consent (text by its form). */
enum {
	J_NYBESOK, J_ANSOKAN, J_INFOTORG, J_UTREDNING, J_FORDJUPAD, J_BESLUT,
	J_PLAN, J_UPPF, J_TELEFON, J_BESOK, J_EXT, J_AVSLUT, J_VALD, J_FREDA,
	J_SAMT, J_ANV, J_NKIND
};
static const char *const J_RUBRIK[J_NKIND] = {
	"Nybesök", "Ansökan", "Kontroll Infotorg", "Utredning", "Fördjupad utredning",
	"Beslut", "Arbetsplan", "Uppföljning", "Telefonsamtal", "Besök",
	"Kontakt", "Avslut", "Samtal", "Bedömning av våld", "Samtycke",
	"Anvisning till praktik"
};
static const char *const J_TEXT[J_NKIND][2] = {
	{ "Nybesök. {S} informerades om rätten till bistånd, handläggningen och sekretess. Ansökningsblankett lämnades ut.",
	  "Första besök med {S}. Gick igenom hushållets situation och vilka underlag som behövs." },
	{ "Ansökan om ekonomiskt bistånd inkom via e-tjänsten med underlag.",
	  "Ansökan inkom på blankett. Kontoutdrag och hyresavi bifogade." },
	{ "Kontroll i Infotorg av fordon, företag och folkbokföring. Inga fordon eller företag registrerade.",
	  "Infotorg kontrollerat: folkbokföring stämmer, ingen samhörighet med annan person." },
	{ "Grundutredning upprättad efter samtal med {S}.",
	  "Utredningen skriven och genomgången med {S} vid besök." },
	{ "Fördjupad utredning påbörjad efter samråd med gruppledare.",
	  "Fördjupad kartläggning genomförd tillsammans med {S}." },
	{ "Beslut fattat och skickat till {S} med information om hur man överklagar.",
	  "Beslut enligt delegation. {S} underrättad per brev." },
	{ "Arbetsplan upprättad tillsammans med {S} vid besök.",
	  "Planeringssamtal med {S}. Arbetsplanen gicks igenom och {S} fick en kopia." },
	{ "Uppföljning av arbetsplanen vid besök, se uppföljningen.",
	  "Uppföljningssamtal med {S} om hur stegen i planen har gått." },
	{ "Telefonsamtal med {S} som undrar hur långt handläggningen har kommit.",
	  "{S} ringde och meddelade att kontoutdrag skickas i veckan." },
	{ "{S} på besök och lämnade kontoutdrag och hyresavi.",
	  "Besök av {S} som ville diskutera en räkning från vården." },
	{ "Telefonsamtal med ", "Avstämning med " },           /* + PART_NAMN */
	{ "Ärendet avslutas då {S} har fått arbete och inte längre behöver bistånd.",
	  "Ärendet avslutas. {S} har flyttat från kommunen." },
	{ "{S} berättar vid besöket om våld från en tidigare partner.",
	  "{S} uppger att hen har utsatts för misshandel i hemmet." },
	{ "FREDA-kortfrågor ställda till {S}. Skyddsbedömning gjord, kontakt med stödenheten erbjuden.",
	  "Frågor om våld ställda med FREDA-kortfrågor. {S} bedöms inte vara i akut fara." },
	{ "", "" },                                              /* T_SAMT_J */
	{ "Anvisning till praktik har gåtts igenom med {S}, se anvisningen.",
	  "{S} har fått information om anvisningen och om följderna av att avböja utan godtagbart skäl." }
};

/* section types, in schema order */
enum {
	T_FORS_, T_RES_, T_BEH_, T_BOE_, T_HAL_, T_ARB_, T_UTB_, T_FAM_, T_EKO_,
	T_BSIT_, T_BBAS_, T_BROST_, T_ENS_, T_ANA_, T_KOM_, T_OVR_, T_NTYPE
};
static const char *const SEC_TYP[T_NTYPE] = {
	"forsorjningshinder", "resurser", "behov", "boende", "halsa", "arbete",
	"utbildning", "familj", "ekonomi", "barnens-situation", "barnets-basta",
	"barnets-rost", "enskildes-synpunkter", "analys-bedomning",
	"kommunicering", "ovrigt"
};
static const char *const SEC_RUBRIK[T_NTYPE] = {
	"Försörjningshinder", "Resurser", "Behov", "Boende", "Hälsa",
	"Arbete och sysselsättning", "Utbildning", "Familj och nätverk",
	"Ekonomi", "Barnens situation", "Barnets bästa", "Barnets röst",
	"Den enskildes synpunkter", "Analys och bedömning", "Kommunicering",
	"Övrigt"
};

/* ============================================= 2. the choices of one akt */

/* states of a text element / section */
enum {
	ST_NONE = 0,   /* absent */
	ST_SHORT = 1,  /* present, not Text (< 10 characters normalised) */
	ST_TEXT = 2,   /* Text */
	ST_DUP = 3,    /* a short section and a Text section of the same type */
	ST_NOREF = 4   /* child section: Text, but without @barn */
};
/* analys-bedomning */
enum { AN_NONE, AN_SHORT, AN_PLAIN, AN_MATCH };
/* motivering */
enum { MV_NONE, MV_SHORT, MV_SHORT_BARN, MV_TEXT, MV_TEXT_BARN };
/* underskrift */
enum { SG_NONE, SG_OK, SG_NODATE, SG_WRONG };
/* utfall */
enum { UT_BIFALL, UT_DELAVSLAG, UT_AVSLAG };

#define MAXC 4
#define MAXA 8
#define MAXPL 2
#define MAXUF 6
#define MAXJ 48
#define MAXSA 2
#define MAXEK 4
#define MAXAN 2

typedef struct g_person { int fn, ln, female; long fodd; int nr; } g_person;
typedef struct g_child {
	int fn; long fodd; int boende;     /* 0 = no attribute, 1..3 */
	int sit, sit_f, rost, rost_f;      /* states; *_f: in the fordjupad */
} g_child;
typedef struct g_ans { long datum; int dated, avser, oral; } g_ans;
typedef struct g_besl {
	int ans, ref;                      /* ansökan it decides; @ansokan written */
	long datum; int dated, bf;         /* bf: 0 absent, 1 empty, 2 given */
	int utfall, motiv, besvar, bka;
} g_besl;
typedef struct g_plan {
	long datum; int has_upf; long upf;
	int mal, steg, mal2, sign; long sign_datum;
} g_plan;
typedef struct g_uf { long datum; int plan, ref, utv; } g_uf;
typedef struct g_jour { long datum; int dated, sig, kind, who, part; } g_jour;
/* a samtycke: parts is a bit set of PT_* it names, 0 = every party;
 * form 0 no attribute, 1 skriftligt, 2 muntligt; person 0 = P1, 1 = P2 */
typedef struct g_samt { long datum; int dated, form, person; unsigned parts; } g_samt;
typedef struct g_kont { long datum; int part; } g_kont;
/* period of an anvisning */
enum { PE_BOTH, PE_FRAN, PE_TILL, PE_NONE, PE_SWAP /* till before fran */ };
typedef struct g_anv {
	long datum, fran, till;
	int period, verk, skal, bref;      /* bref: beslut index written, or -1 */
} g_anv;

typedef struct akt {
	long O, A, E;                      /* opened, closed, end of activity */
	int avsl;                          /* ärende avslutat */
	int hl;                            /* responsible handläggare */
	int np; g_person p[2];
	int nc; g_child c[MAXC];
	int na, ans_docs; g_ans a[MAXA];
	int hasG, grev, upr; long gdat, grevdat;
	int sec[T_NTYPE];
	int basta, basta_f;
	int hasF; long fdat;
	int nb; g_besl b[MAXA];
	int npl; g_plan pl[MAXPL];
	int nuf; g_uf uf[MAXUF];
	int has_j, nj; g_jour j[MAXJ];
	int nsa; g_samt sa[MAXSA];
	int nek; g_kont ek[MAXEK];
	int nan; g_anv an[MAXAN];
} akt;

typedef struct unit {
	int index;                         /* position in the option order */
	char id[32], name[96], prefix[16], hpre[16];
	int quality;                       /* 0 good, 1 middling, 2 poor */
	int nh, hfn[6], hln[6], hfem[6];
	long count, first;                 /* akter; global index of the first */
	int width;                         /* digits of the running number */
} unit;

/* criteria, in semantics.md order */
enum {
	C_AKT01, C_AKT02, C_UTR01, C_UTR02, C_UTR03, C_UTR04, C_UTR05, C_UTR06, C_UTR07,
	C_UTR08,
	C_BARN01, C_BARN02, C_BARN03, C_BARN05,
	C_PLAN01, C_PLAN02, C_PLAN03, C_PLAN04, C_PLAN05, C_PLAN06,
	C_BESL01, C_BESL02, C_BESL03, C_BESL04, C_BESL05,
	C_JOUR01, C_JOUR02,
	C_BARN04, C_PLAN07,                /* local practice (optional section) */
	C_UTR09, C_VALD01, C_UNG01,
	C_N
};
static const char *const CRIT_ID[C_N] = {
	"AKT-01", "AKT-02", "UTR-01", "UTR-02", "UTR-03", "UTR-04", "UTR-05", "UTR-06",
	"UTR-07", "UTR-08",
	"BARN-01", "BARN-02", "BARN-03", "BARN-05",
	"PLAN-01", "PLAN-02", "PLAN-03", "PLAN-04", "PLAN-05", "PLAN-06",
	"BESL-01", "BESL-02", "BESL-03", "BESL-04", "BESL-05",
	"JOUR-01", "JOUR-02",
	"BARN-04", "PLAN-07",
	"UTR-09", "VALD-01", "UNG-01"
};
#define VB(v) (1u << (v))
#define V_U VERDICT_UPPFYLLT
#define V_D VERDICT_DELVIS
#define V_E VERDICT_EJ_UPPFYLLT
#define V_ET VERDICT_EJ_TILLAMPLIGT
#define ALL4 (VB(V_U) | VB(V_D) | VB(V_E) | VB(V_ET))
static const unsigned CRIT_VERDICTS[C_N] = {
	VB(V_U) | VB(V_D) | VB(V_E),           /* AKT-01: empty -> ej uppfyllt */
	ALL4,                                  /* AKT-02 */
	VB(V_U) | VB(V_E) | VB(V_ET),          /* UTR-01 */
	VB(V_U) | VB(V_E),                     /* UTR-02 */
	VB(V_U) | VB(V_E) | VB(V_ET),          /* UTR-03 */
	ALL4, ALL4, ALL4,                      /* UTR-04..06 */
	VB(V_U) | VB(V_E) | VB(V_ET),          /* UTR-07 */
	VB(V_U) | VB(V_E) | VB(V_ET),          /* UTR-08 */
	ALL4,                                  /* BARN-01 */
	VB(V_U) | VB(V_E) | VB(V_ET),          /* BARN-02 */
	ALL4, ALL4,                            /* BARN-03, BARN-05 */
	VB(V_U) | VB(V_E) | VB(V_ET),          /* PLAN-01 */
	ALL4, ALL4, ALL4, ALL4,                /* PLAN-02..05 */
	ALL4,                                  /* PLAN-06 */
	ALL4, ALL4, ALL4, ALL4, ALL4,          /* BESL-01..05 */
	VB(V_U) | VB(V_E) | VB(V_ET),          /* JOUR-01 */
	VB(V_U) | VB(V_D) | VB(V_E),           /* JOUR-02: empty -> ej uppfyllt */
	ALL4,                                  /* BARN-04 */
	VB(V_U) | VB(V_E) | VB(V_ET),          /* PLAN-07 */
	VB(V_U) | VB(V_E) | VB(V_ET),          /* UTR-09 */
	VB(V_U) | VB(V_E) | VB(V_ET),          /* VALD-01 */
	VB(V_U) | VB(V_E) | VB(V_ET)           /* UNG-01 */
};

const char *generate_criterion_id(int i)
{
	return i >= 0 && i < C_N ? CRIT_ID[i] : NULL;
}

unsigned generate_criterion_verdicts(int i)
{
	return i >= 0 && i < C_N ? CRIT_VERDICTS[i] : 0u;
}

/* A coverage target: criterion * 4 + (verdict - 1). */
#define TARGET(c, v) ((c) * 4 + (int)(v) - 1)
#define NTARGET (C_N * 4)

/* Boundary cases the samples should contain at least once, beyond the
 * verdict coverage: each is a force value NTARGET + edge. */
enum {
	EDGE_ANS14,      /* dated ansökan exactly 14 days before R, no beslut (no item) */
	EDGE_ANS15,      /* ... exactly 15 days before R, no beslut (an item) */
	EDGE_18_ON_R,    /* a child whose 18th birthday is R (not a Child) */
	EDGE_17_EVE,     /* a child whose 18th birthday is the day after R */
	EDGE_G12,        /* grundutredning D exactly 12 months before R */
	EDGE_G12M1,      /* ... one day more */
	EDGE_UF_BEFORE,  /* the only uppföljning of a due plan predates the plan */
	EDGE_UTR14,      /* grundutredning exactly 14 days after the earliest dated ansökan */
	EDGE_UTR15,      /* ... exactly 15 days */
	EDGE_SAMT_SAME,  /* an external contact covered only by a consent of the same day */
	EDGE_SAMT_LATE,  /* ... whose consent is dated one day after it (not covered) */
	EDGE_ANV_SAME,   /* an anvisning on the day of the first dated beslut granting bistånd */
	EDGE_ANV_NOREC,  /* an anvisning before any dated beslut granting bistånd */
	EDGE_N
};
#define NFORCE (NTARGET + EDGE_N)

/* flaw probabilities in percent by unit quality (good, middling, poor) */
static const int P_TINY[3] = { 1, 3, 8 };
static const int P_LOW[3] = { 3, 10, 25 };
static const int P_MID[3] = { 6, 20, 40 };
static const int P_HIGH[3] = { 10, 30, 55 };

static int pick(rng *r, int n)
{
	return n <= 0 ? 0 : (int)rng_below(r, (uint32_t)n);
}

/* uniform in [lo, hi]; lo when hi < lo */
static long rrange(rng *r, long lo, long hi)
{
	if (hi <= lo)
		return lo;
	return lo + (long)rng_below(r, (uint32_t)(hi - lo + 1));
}

static long lmin(long a, long b) { return a < b ? a : b; }
static long lmax(long a, long b) { return a > b ? a : b; }

static int is_child(long fodd, long R)
{
	return util_age_on(fodd, R) < 18;
}

static int n_children(const akt *c, long R)
{
	int i, n = 0;

	for (i = 0; i < c->nc; i++)
		n += is_child(c->c[i].fodd, R);
	return n;
}

/* Birth dates never fall on 29 February: the age on a non-leap-year
 * 28 February is a convention semantics.md leaves open. */
static long no_leap_day(long d)
{
	int y, m, dd;

	util_civil_from_days(d, &y, &m, &dd);
	return (m == 2 && dd == 29) ? d - 1 : d;
}

static long draw_child_birth(rng *r, long R, int kind)
{
	long b18 = util_date_add_months(R, -216);   /* 18th birthday on R */

	switch (kind) {
	case 0: return b18 - rrange(r, 1, 900);      /* 18-20 years old */
	case 1: return b18 - rrange(r, 0, 60);       /* turned 18 shortly before R (or on R) */
	case 2: return b18 + rrange(r, 1, 40);       /* turns 18 shortly after R */
	default: return R - rrange(r, 30, 6500);     /* 0-17 */
	}
}

/* The household: applicants and children.  kids: 0 free, -1 no Children,
 * 1 or 2 at least that many Children. */
static void build_household(akt *c, rng *r, long R, int kids)
{
	int i, k, x;

	c->np = pick(r, 100) < 30 ? 2 : 1;
	for (i = 0; i < c->np; i++) {
		g_person *p = &c->p[i];
		p->female = i == 0 ? pick(r, 100) < 60 : !c->p[0].female;
		p->fn = p->female ? pick(r, (int)NELEM(FIRST_F)) : pick(r, (int)NELEM(FIRST_M));
		p->ln = (i == 1 && pick(r, 100) < 50) ? c->p[0].ln : pick(r, (int)NELEM(LAST));
		p->fodd = no_leap_day(R - rrange(r, 7400, 23400));
		p->nr = pick(r, 1000);
	}
	if (c->np == 2 && c->p[1].female == c->p[0].female && c->p[1].fn == c->p[0].fn)
		c->p[1].fn = (c->p[1].fn + 1) % (int)(c->p[1].female ? NELEM(FIRST_F) : NELEM(FIRST_M));

	x = pick(r, 100);
	c->nc = x < 40 ? 0 : x < 60 ? 1 : x < 80 ? 2 : x < 92 ? 3 : 4;
	if (kids > 0 && c->nc < kids)
		c->nc = kids;
	if (kids < 0 && pick(r, 2) == 0)
		c->nc = 0;
	for (i = 0; i < c->nc; i++) {
		g_child *ch = &c->c[i];
		x = pick(r, 100);
		k = x < 6 ? 0 : x < 10 ? 1 : x < 14 ? 2 : 3;
		if (kids < 0)
			k = pick(r, 2);                  /* only 18 and over */
		else if (kids > 0 && i < kids && k < 2)
			k = 3;
		ch->fodd = no_leap_day(draw_child_birth(r, R, k));
		if (kids > 0 && i < kids && !is_child(ch->fodd, R))
			ch->fodd = no_leap_day(R - rrange(r, 30, 6000));
		do {
			ch->fn = pick(r, (int)NELEM(FIRST_CHILD));
			for (k = 0; k < i && c->c[k].fn != ch->fn; k++)
				;
		} while (k < i);
		x = pick(r, 100);
		ch->boende = x < 65 ? 1 : x < 80 ? 2 : x < 90 ? 3 : 0;
	}
	/* oldest first, as a household register lists them */
	for (i = 1; i < c->nc; i++)
		for (k = i; k > 0 && c->c[k].fodd < c->c[k - 1].fodd; k--) {
			g_child t = c->c[k];
			c->c[k] = c->c[k - 1];
			c->c[k - 1] = t;
		}
}

#define F(c, v) (force == TARGET(c, v))
#define FLAW(tab) (pick(r, 100) < (tab)[q])

static int non_text_state(rng *r)
{
	return pick(r, 2) ? ST_SHORT : ST_NONE;
}

/* The other party of an external contact; the school only with children. */
static int draw_part(rng *r, int kids)
{
	int x = pick(r, 100), i;

	for (i = 0; i < PT_N - 1 && x >= PART_W[i]; i++)
		x -= PART_W[i];
	return i == PT_SKOLA && !kids ? PT_AF : i;
}

/* Whether consent s covers contact k (semantics.md AKT-02). */
static int samt_covers(const g_samt *s, const g_kont *k)
{
	return s->dated && s->datum <= k->datum &&
	       (s->parts == 0 || (s->parts & (1u << k->part)) != 0);
}

/* The date of the earliest dated beslut granting bistånd (bifall or
 * delavslag) into *d; 0 when there is none. */
static int first_grant(const akt *c, long *d)
{
	int i, have = 0;

	for (i = 0; i < c->nb; i++)
		if (c->b[i].dated && c->b[i].utfall != UT_AVSLAG && (!have || c->b[i].datum < *d))
			*d = c->b[i].datum, have = 1;
	return have;
}

/* Whether anvisning a is made to someone who gets bistånd (PLAN-06). */
static int anv_recipient(const akt *c, const g_anv *a)
{
	long g = 0;

	return first_grant(c, &g) && g <= a->datum;
}

/* Draws every choice of one akt.  force is a coverage target the akt
 * should (try to) produce, or -1.  Whether it did is decided by the
 * oracle afterwards, never assumed. */
static void build(akt *c, rng *r, const unit *u, long O, long R, int force)
{
	int q = u->quality, i, k, x, kids = 0, need_ans = 1, need_beslut = 0;
	int nch, want_plan = 0, nobeslut = -1, ung_contact = 0;
	int edge = force >= NTARGET ? force - NTARGET : -1;
	long b18 = util_date_add_months(R, -216);

	memset(c, 0, sizeof(*c));
	c->O = O;
	c->hl = pick(r, u->nh);

	/* ---- status and period */
	c->avsl = pick(r, 100) < 20;
	if (edge == EDGE_ANS14 || edge == EDGE_ANS15 || edge == EDGE_G12 || edge == EDGE_G12M1)
		c->avsl = 0;
	if (F(C_UTR03, V_ET) || F(C_PLAN01, V_ET) || F(C_PLAN07, V_ET) ||
	    F(C_UTR09, V_ET) || F(C_UNG01, V_U) || F(C_UNG01, V_E))
		c->avsl = 1;
	if (F(C_UTR03, V_U) || F(C_UTR03, V_E) || F(C_PLAN01, V_U) || F(C_PLAN01, V_E) ||
	    F(C_PLAN07, V_U) || F(C_PLAN07, V_E) || F(C_UTR09, V_U) || F(C_UTR09, V_E))
		c->avsl = 0;
	if (c->avsl) {
		c->A = O + rrange(r, 30, 330);
		if (c->A > R)
			c->A = R - rrange(r, 0, 5);
		if (c->A < O)
			c->A = O;
		c->E = c->A;
	} else {
		c->E = R;
	}

	/* ---- household */
	if (F(C_BARN01, V_D) || F(C_BARN03, V_D))
		kids = 2;
	else if (F(C_BARN01, V_U) || F(C_BARN01, V_E) || F(C_BARN02, V_U) ||
		 F(C_BARN02, V_E) || F(C_BARN03, V_U) || F(C_BARN03, V_E) ||
		 F(C_BARN05, V_U) || F(C_BARN05, V_D) || F(C_BARN05, V_E) ||
		 F(C_BARN04, V_U) || F(C_BARN04, V_D) || F(C_BARN04, V_E))
		kids = 1;
	else if (F(C_BARN01, V_ET) || F(C_BARN02, V_ET) || F(C_BARN03, V_ET) ||
		 F(C_BARN05, V_ET) || F(C_BARN04, V_ET))
		kids = -1;
	build_household(c, r, R, kids);
	/* UNG-01: a sökande aged 18-24 on the day the ärende was closed */
	if ((F(C_UNG01, V_U) || F(C_UNG01, V_E)) && c->avsl)
		c->p[0].fodd = no_leap_day(c->A - rrange(r, 18 * 365 + 10, 24 * 365));
	if (edge == EDGE_18_ON_R || edge == EDGE_17_EVE) {
		if (c->nc == 0) {
			c->nc = 1;
			c->c[0].fn = pick(r, (int)NELEM(FIRST_CHILD));
			c->c[0].boende = 1;
		}
		/* the oldest child; a Feb 29 result makes the edge fail, not lie */
		c->c[0].fodd = no_leap_day(edge == EDGE_18_ON_R ? b18 : b18 + 1);
		for (i = 1; i < c->nc; i++)
			if (c->c[i].fodd < c->c[0].fodd)
				c->c[i].fodd = c->c[0].fodd + rrange(r, 1, 3000);
	}
	nch = n_children(c, R);

	/* ---- ansökningar */
	if (F(C_AKT01, V_D) || F(C_BESL01, V_D) || F(C_BESL02, V_D) ||
	    F(C_BESL03, V_D) || F(C_BESL04, V_D) || F(C_BESL05, V_D) ||
	    F(C_BARN05, V_D) || F(C_BARN04, V_D))
		need_ans = 2;
	if (F(C_BESL02, V_U) || F(C_BESL02, V_D) || F(C_BESL02, V_E) ||
	    F(C_BESL03, V_U) || F(C_BESL03, V_D) || F(C_BESL03, V_E) ||
	    F(C_BESL04, V_U) || F(C_BESL04, V_D) || F(C_BESL04, V_E) ||
	    F(C_BESL05, V_U) || F(C_BESL05, V_D) || F(C_BESL05, V_E) ||
	    F(C_BESL01, V_U) || F(C_BARN05, V_U) || F(C_BARN05, V_D) ||
	    F(C_BARN05, V_E) || F(C_BARN04, V_U) || F(C_BARN04, V_D) ||
	    F(C_BARN04, V_E) || F(C_PLAN06, V_U) || F(C_PLAN06, V_D) ||
	    F(C_PLAN06, V_E) || edge == EDGE_ANV_SAME)
		need_beslut = 1;
	/* the first ansökan opens the ärende; later ones spread over the period */
	c->na = 1 + pick(r, 3) + (c->E - O > 150 ? pick(r, 4) : 0);
	c->a[0].datum = lmin(O + rrange(r, 0, 2), c->E);
	if (c->a[0].datum >= c->E)
		c->na = 1;
	for (i = 1; i < c->na; i++)
		c->a[i].datum = rrange(r, c->a[0].datum + 1, c->E);
	for (i = 2; i < c->na; i++)
		for (k = i; k > 1 && c->a[k].datum < c->a[k - 1].datum; k--) {
			long t = c->a[k].datum;
			c->a[k].datum = c->a[k - 1].datum;
			c->a[k - 1].datum = t;
		}
	while (c->na < need_ans) {
		c->a[c->na].datum = lmin(c->a[c->na - 1].datum + rrange(r, 1, 20), c->E);
		c->na++;
	}
	if (!c->avsl && c->na < MAXA && pick(r, 100) < 12) {
		long d = R - rrange(r, 0, 20);           /* a recent ansökan */
		if (d >= c->a[c->na - 1].datum)
			c->a[c->na++].datum = d;
	}
	for (i = 0; i < c->na; i++) {
		c->a[i].dated = !FLAW(P_LOW);
		x = pick(r, (int)NELEM(AVSER));
		c->a[i].avser = i == 0 ? 0 : x;
		c->a[i].oral = pick(r, 100) < 10;
	}
	if (F(C_AKT01, V_U))
		for (i = 0; i < c->na; i++)
			c->a[i].dated = 1;
	if (F(C_AKT01, V_D))
		for (i = 0; i < c->na; i++)
			c->a[i].dated = i != 1;
	if (F(C_AKT01, V_E))
		for (i = 0; i < c->na; i++)
			c->a[i].dated = 0;
	if (F(C_BESL05, V_U) || F(C_BESL05, V_D) || F(C_BESL05, V_E))
		for (i = 0; i < c->na; i++)
			c->a[i].dated = 1;
	if (F(C_UTR01, V_U) || F(C_UTR01, V_E) || edge == EDGE_UTR14 || edge == EDGE_UTR15)
		c->a[0].dated = 1;
	if ((edge == EDGE_ANS14 || edge == EDGE_ANS15) && c->na < MAXA) {
		long d = R - (edge == EDGE_ANS14 ? 14 : 15);
		if (d >= c->a[c->na - 1].datum) {
			nobeslut = c->na;
			c->a[c->na].datum = d;
			c->a[c->na].dated = 1;
			c->a[c->na].avser = 0;
			c->na++;
		}
	}
	c->ans_docs = !FLAW(P_TINY) || nobeslut >= 0;
	if (F(C_BESL01, V_ET))
		c->ans_docs = 0;
	if (F(C_AKT01, V_U) || F(C_AKT01, V_D) || F(C_BESL01, V_U) ||
	    F(C_BESL01, V_D) || F(C_BESL01, V_E) || F(C_BESL05, V_U) ||
	    F(C_BESL05, V_D) || F(C_BESL05, V_E) || F(C_UTR01, V_U) ||
	    F(C_UTR01, V_E) || edge == EDGE_UTR14 || edge == EDGE_UTR15)
		c->ans_docs = 1;

	/* ---- grundutredning */
	c->hasG = !FLAW(P_LOW);
	if (F(C_UTR02, V_E) || F(C_UTR03, V_ET) || F(C_UTR04, V_ET) ||
	    F(C_UTR05, V_ET) || F(C_UTR06, V_ET) || F(C_UTR07, V_ET) ||
	    F(C_UTR01, V_ET) || F(C_UTR08, V_ET))
		c->hasG = 0;
	else if ((force >= TARGET(C_UTR02, V_U) && force <= TARGET(C_UTR07, V_E)) ||
		 F(C_UTR01, V_U) || F(C_UTR01, V_E) || F(C_UTR08, V_U) ||
		 F(C_UTR08, V_E) || edge == EDGE_UTR14 || edge == EDGE_UTR15)
		c->hasG = 1;
	c->gdat = lmin(O + rrange(r, 2, 25), c->E);
	/* UTR-01 counts from the earliest dated ansökan, a[0] when dated */
	if (F(C_UTR01, V_U))
		c->gdat = lmin(c->a[0].datum + rrange(r, 0, 14), c->E);
	if (F(C_UTR01, V_E))
		c->gdat = lmin(c->a[0].datum + rrange(r, 15, 40), c->E);
	if (edge == EDGE_UTR14 || edge == EDGE_UTR15)
		c->gdat = lmin(c->a[0].datum + (edge == EDGE_UTR14 ? 14 : 15), c->E);
	if (c->gdat + 200 < c->E && pick(r, 100) < (q == 2 ? 15 : 40)) {
		c->grev = 1;
		c->grevdat = rrange(r, c->gdat + 180, c->E);
	}
	if (!c->avsl && pick(r, 100) < 6) {
		/* right at the 12-month boundary */
		long d = util_date_add_months(R, -12) - pick(r, 2);
		if (d >= c->gdat)
			c->grev = 1, c->grevdat = d;
	}
	if (F(C_UTR03, V_U) && util_date_add_months(c->grev ? c->grevdat : c->gdat, 12) < R) {
		c->grev = 1;
		c->grevdat = rrange(r, lmax(c->gdat, R - 300), R);
	}
	if (F(C_UTR03, V_E))
		c->grev = 0;
	c->upr = pick(r, 100) < 85;
	for (i = T_FORS_; i <= T_BEH_; i++)
		c->sec[i] = FLAW(P_LOW) ? non_text_state(r) : (pick(r, 100) < 5 ? ST_DUP : ST_TEXT);
	for (i = T_BOE_; i <= T_EKO_; i++)
		c->sec[i] = FLAW(P_MID) ? non_text_state(r) : (pick(r, 100) < 5 ? ST_DUP : ST_TEXT);
	c->sec[T_ENS_] = FLAW(P_MID) ? non_text_state(r) : ST_TEXT;
	if (FLAW(P_MID)) {
		x = pick(r, 4);
		c->sec[T_ANA_] = x == 0 ? AN_NONE : x == 1 ? AN_SHORT : AN_PLAIN;
	} else {
		c->sec[T_ANA_] = AN_MATCH;
	}
	c->sec[T_KOM_] = FLAW(P_HIGH) ? non_text_state(r) : ST_TEXT;
	if (F(C_UTR08, V_U))
		c->sec[T_KOM_] = ST_TEXT;
	if (F(C_UTR08, V_E))
		c->sec[T_KOM_] = non_text_state(r);
	c->sec[T_OVR_] = pick(r, 100) < 15 ? ST_TEXT : ST_NONE;
	if (F(C_UTR04, V_U) || F(C_UTR04, V_D) || F(C_UTR04, V_E)) {
		k = F(C_UTR04, V_U) ? 3 : F(C_UTR04, V_D) ? 1 + pick(r, 2) : 0;
		x = pick(r, 3);
		for (i = 0; i < 3; i++)
			c->sec[T_FORS_ + (x + i) % 3] = i < k ? ST_TEXT : non_text_state(r);
	}
	if (F(C_UTR05, V_U) || F(C_UTR05, V_D) || F(C_UTR05, V_E)) {
		k = F(C_UTR05, V_U) ? 6 : F(C_UTR05, V_D) ? 3 + pick(r, 3) : pick(r, 3);
		x = pick(r, 6);
		for (i = 0; i < 6; i++)
			c->sec[T_BOE_ + (x + i) % 6] = i < k ? ST_TEXT : non_text_state(r);
	}
	if (F(C_UTR06, V_U))
		c->sec[T_ANA_] = AN_MATCH;
	if (F(C_UTR06, V_D))
		c->sec[T_ANA_] = AN_PLAIN;
	if (F(C_UTR06, V_E))
		c->sec[T_ANA_] = pick(r, 2) ? AN_SHORT : AN_NONE;
	if (F(C_UTR07, V_U))
		c->sec[T_ENS_] = ST_TEXT;
	if (F(C_UTR07, V_E))
		c->sec[T_ENS_] = non_text_state(r);

	if (edge == EDGE_G12 || edge == EDGE_G12M1) {
		long t = util_date_add_months(R, -12) - (edge == EDGE_G12M1);
		c->hasG = 1;
		if (t >= c->gdat) {
			c->grev = t > c->gdat;
			c->grevdat = t;
		} else if (t >= O) {
			c->gdat = t;
			c->grev = 0;
		}
	}

	/* ---- fördjupad utredning */
	/* long-running ärenden get a fördjupad more often, good units most */
	c->hasF = pick(r, 100) < (c->nc ? 20 : 10) +
		(!c->avsl && util_date_add_months(O, 5) <= R ? (q == 0 ? 50 : q == 1 ? 30 : 10) : 0);
	c->fdat = (c->hasG ? c->gdat : O) + rrange(r, 20, 120);
	if (c->fdat > c->E)
		c->hasF = 0;
	if (!c->hasG && kids > 0) {
		c->hasF = 1;
		c->fdat = lmin(O + rrange(r, 5, 30), c->E);
	}
	if (F(C_PLAN07, V_U)) {
		c->hasF = 1;
		c->fdat = lmin(c->fdat, c->E);
	}
	if (F(C_PLAN07, V_E))
		c->hasF = 0;

	/* ---- sections about the children */
	for (i = 0; i < c->nc; i++) {
		g_child *ch = &c->c[i];
		x = pick(r, 3);
		ch->sit = FLAW(P_HIGH) ? (x == 0 ? ST_NONE : x == 1 ? ST_SHORT : ST_NOREF) : ST_TEXT;
		x = pick(r, 3);
		ch->rost = FLAW(P_HIGH) || FLAW(P_LOW) ? (x == 0 ? ST_NONE : x == 1 ? ST_SHORT : ST_NOREF) : ST_TEXT;
		ch->sit_f = c->hasF && (!c->hasG || pick(r, 100) < 25);
		ch->rost_f = c->hasF && (!c->hasG || pick(r, 100) < 25);
	}
	c->basta = c->nc ? (FLAW(P_HIGH) ? non_text_state(r) : ST_TEXT) : ST_NONE;
	c->basta_f = c->hasF && (!c->hasG || pick(r, 100) < 25);
	for (i = 0, k = 0; i < c->nc; i++) {
		g_child *ch = &c->c[i];
		if (!is_child(ch->fodd, R))
			continue;
		if (F(C_BARN01, V_U) || (F(C_BARN01, V_D) && k == 0))
			ch->sit = ST_TEXT;
		if (F(C_BARN01, V_E) || (F(C_BARN01, V_D) && k == 1))
			ch->sit = pick(r, 3) == 0 ? ST_NOREF : non_text_state(r);
		if (F(C_BARN03, V_U) || (F(C_BARN03, V_D) && k == 0))
			ch->rost = ST_TEXT;
		if (F(C_BARN03, V_E) || (F(C_BARN03, V_D) && k == 1))
			ch->rost = pick(r, 3) == 0 ? ST_NOREF : non_text_state(r);
		k++;
	}
	if (F(C_BARN02, V_U))
		c->basta = ST_TEXT;
	if (F(C_BARN02, V_E))
		c->basta = non_text_state(r);
	if (!c->hasG && !c->hasF) {
		for (i = 0; i < c->nc; i++)
			c->c[i].sit = c->c[i].rost = ST_NONE;
		c->basta = ST_NONE;
	}

	/* ---- beslut, one per ansökan unless pending or missing */
	for (i = 0; i < c->na; i++) {
		g_besl *b = &c->b[c->nb];
		long base = c->a[i].datum, d;
		int item = !c->a[i].dated || R - base > 14;
		int pending = R - base <= 14 && pick(r, 100) < 50;
		int missing = FLAW(P_LOW);
		if (need_beslut || F(C_BESL01, V_U) || (F(C_BESL01, V_D) && i > 0))
			pending = missing = 0;
		if (F(C_BESL01, V_E) && item)
			missing = 1;
		if (F(C_BESL01, V_D) && i == 0)
			missing = 1;
		if (pending || missing || i == nobeslut)
			continue;
		x = pick(r, 100);
		if (x < P_MID[q])
			d = rrange(r, 15, 40);
		else if (x < P_MID[q] + 3)
			d = 14;
		else if (x < P_MID[q] + 6)
			d = 15;
		else
			d = rrange(r, 0, 10);
		if (F(C_BESL05, V_U) || (F(C_BESL05, V_D) && c->nb == 0))
			d = rrange(r, 0, 14);
		if (F(C_BESL05, V_E) || (F(C_BESL05, V_D) && c->nb == 1))
			d = rrange(r, 15, 30);
		b->ans = i;
		b->datum = lmin(base + d, c->E);
		b->dated = !FLAW(P_LOW);
		b->bf = FLAW(P_LOW) ? pick(r, 2) : 2;
		b->ref = c->ans_docs && !FLAW(P_TINY);
		x = pick(r, 100);
		b->utfall = x < 62 ? UT_BIFALL : x < 85 ? UT_DELAVSLAG : UT_AVSLAG;
		/* PLAN-06: bistånd granted by a dated beslut before any anvisning */
		if ((F(C_PLAN06, V_U) || F(C_PLAN06, V_D) || F(C_PLAN06, V_E) ||
		     edge == EDGE_ANV_SAME) && c->nb == 0)
			b->utfall = UT_BIFALL, b->dated = 1;
		{
			int text = !FLAW(P_LOW);
			int barn = nch > 0 && !FLAW(P_HIGH);
			b->motiv = text ? (barn ? MV_TEXT_BARN : MV_TEXT)
				: pick(r, 100) < 30 ? MV_NONE : barn ? MV_SHORT_BARN : MV_SHORT;
		}
		if (b->utfall != UT_BIFALL)
			b->besvar = FLAW(P_MID) ? non_text_state(r) : ST_TEXT;
		else
			b->besvar = pick(r, 100) < 20 ? ST_TEXT : ST_NONE;
		if (F(C_BESL01, V_U) || F(C_BESL01, V_D) || F(C_BESL01, V_E) ||
		    F(C_BESL05, V_U) || F(C_BESL05, V_D) || F(C_BESL05, V_E))
			b->ref = 1;
		if (F(C_BESL05, V_U) || F(C_BESL05, V_D) || F(C_BESL05, V_E))
			b->dated = 1;
		if (F(C_BESL02, V_U))
			b->dated = 1, b->bf = 2;
		if (F(C_BESL02, V_D))
			b->dated = 1, b->bf = pick(r, 2);
		if (F(C_BESL02, V_E))
			b->dated = 0, b->bf = pick(r, 2);
		if (F(C_BESL03, V_U) || (F(C_BESL03, V_D) && c->nb == 0))
			b->motiv = nch ? MV_TEXT_BARN : MV_TEXT;
		if (F(C_BESL03, V_E) || (F(C_BESL03, V_D) && c->nb == 1))
			b->motiv = pick(r, 2) ? MV_SHORT : MV_NONE;
		if (F(C_BESL04, V_U) || F(C_BESL04, V_D) || F(C_BESL04, V_E)) {
			if (c->nb < 2)
				b->utfall = pick(r, 2) ? UT_AVSLAG : UT_DELAVSLAG;
			if (b->utfall != UT_BIFALL)
				b->besvar = F(C_BESL04, V_U) || (F(C_BESL04, V_D) && c->nb == 0)
					? ST_TEXT : non_text_state(r);
		}
		if (F(C_BESL04, V_ET))
			b->utfall = UT_BIFALL;
		if ((F(C_BARN04, V_U) || F(C_BARN04, V_D) || F(C_BARN04, V_E)) && c->nb < 2)
			b->utfall = pick(r, 2) ? UT_AVSLAG : UT_DELAVSLAG;
		b->bka = ST_NONE;
		if (nch > 0 && b->utfall != UT_BIFALL) {
			b->bka = FLAW(P_HIGH) ? non_text_state(r) : ST_TEXT;
			if (F(C_BARN04, V_U) || (F(C_BARN04, V_D) && c->nb == 0))
				b->bka = ST_TEXT;
			if (F(C_BARN04, V_E) || (F(C_BARN04, V_D) && c->nb == 1))
				b->bka = non_text_state(r);
		}
		if (F(C_BARN05, V_U) || (F(C_BARN05, V_D) && c->nb == 0))
			b->motiv = pick(r, 4) ? MV_TEXT_BARN : MV_SHORT_BARN;
		if (F(C_BARN05, V_E) || (F(C_BARN05, V_D) && c->nb == 1))
			b->motiv = pick(r, 4) ? MV_TEXT : MV_SHORT;
		c->nb++;
	}
	if (F(C_BESL02, V_ET) || F(C_BESL03, V_ET))
		c->nb = 0;
	if (F(C_BESL05, V_ET)) {
		for (i = 0; i < c->nb; i++) {
			if (pick(r, 2))
				c->b[i].dated = 0;
			else
				c->b[i].ref = 0;
		}
	}

	/* ---- anvisning to praktik (PLAN-06), mostly in longer ärenden of
	 * someone who gets bistånd; period, activity and grounds may be left
	 * out, and now and then it is made before bistånd was granted */
	{
		long g = 0;
		int have = first_grant(c, &g);
		c->nan = have && c->E - O > 60 && pick(r, 100) < 30;
		if (F(C_PLAN06, V_U) || F(C_PLAN06, V_D) || F(C_PLAN06, V_E) ||
		    edge == EDGE_ANV_SAME || edge == EDGE_ANV_NOREC)
			c->nan = 1;
		if (F(C_PLAN06, V_ET))
			c->nan = 0;
		for (i = 0; i < c->nan; i++) {
			g_anv *a = &c->an[i];
			int recip = have && !FLAW(P_TINY);
			if (F(C_PLAN06, V_U) || F(C_PLAN06, V_D) || edge == EDGE_ANV_SAME)
				recip = 1;
			if (edge == EDGE_ANV_NOREC || (F(C_PLAN06, V_E) && pick(r, 2)))
				recip = 0;
			if (recip && have)
				a->datum = edge == EDGE_ANV_SAME ? g : rrange(r, g, c->E);
			else if (have && g > O)
				a->datum = rrange(r, O, g - 1);
			else
				a->datum = rrange(r, O, c->E);
			a->fran = a->datum + rrange(r, 0, 14);
			a->till = a->fran + rrange(r, 28, 180);
			x = pick(r, 100);
			a->period = !FLAW(P_MID) ? PE_BOTH : x < 40 ? PE_FRAN : x < 60 ? PE_TILL
				: x < 90 ? PE_NONE : PE_SWAP;
			a->verk = FLAW(P_LOW) ? non_text_state(r) : ST_TEXT;
			a->skal = FLAW(P_MID) ? non_text_state(r) : ST_TEXT;
			if (F(C_PLAN06, V_U) || edge == EDGE_ANV_SAME || edge == EDGE_ANV_NOREC)
				a->period = PE_BOTH, a->verk = a->skal = ST_TEXT;
			if (F(C_PLAN06, V_D)) {
				/* 1 or 2 of activity, period and grounds */
				int n = 1 + pick(r, 2), first = pick(r, 3);
				for (k = 0; k < 3; k++) {
					int on = (k - first + 3) % 3 < n;
					if (k == 0)
						a->verk = on ? ST_TEXT : non_text_state(r);
					else if (k == 1)
						a->period = on ? PE_BOTH : PE_FRAN + pick(r, 4);
					else
						a->skal = on ? ST_TEXT : non_text_state(r);
				}
			}
			if (F(C_PLAN06, V_E) && have && g <= a->datum)
				a->period = PE_FRAN + pick(r, 4), a->verk = non_text_state(r),
				a->skal = non_text_state(r);
			/* the beslut it was given with: the latest granting one before it */
			a->bref = -1;
			if (pick(r, 100) < 60)
				for (k = 0; k < c->nb; k++)
					if (c->b[k].dated && c->b[k].utfall != UT_AVSLAG &&
					    c->b[k].datum <= a->datum &&
					    (a->bref < 0 || c->b[k].datum >= c->b[a->bref].datum))
						a->bref = k;
		}
	}

	/* ---- arbetsplaner */
	if (c->avsl)
		c->npl = pick(r, 100) < 50;
	else
		c->npl = !FLAW(P_MID);
	if (F(C_PLAN01, V_U))
		c->npl = 1;
	if (F(C_PLAN01, V_E) || F(C_PLAN02, V_ET) || F(C_PLAN03, V_ET) ||
	    F(C_PLAN04, V_ET) || F(C_PLAN05, V_ET))
		c->npl = 0;
	if (force >= TARGET(C_PLAN02, V_U) && force <= TARGET(C_PLAN05, V_E))
		c->npl = 1, want_plan = 1;
	if (edge == EDGE_UF_BEFORE)
		c->npl = 1, want_plan = 1;
	if (c->npl) {
		g_plan *p = &c->pl[0];
		p->datum = (c->hasG ? c->gdat : O) + rrange(r, 3, 25);
		if (p->datum > c->E) {
			if (want_plan || F(C_PLAN01, V_U))
				p->datum = c->E;
			else
				c->npl = 0;
		}
	}
	for (i = 0; i < MAXPL && i < c->npl; i++) {
		g_plan *p = &c->pl[i];
		p->has_upf = !FLAW(P_LOW);
		p->upf = p->datum + rrange(r, 60, 120);
		if (pick(r, 100) < 3 && R > p->datum)
			p->upf = R;                  /* planned exactly on R */
		p->mal = FLAW(P_MID) ? non_text_state(r) : ST_TEXT;
		p->mal2 = p->mal == ST_TEXT && pick(r, 100) < 30;
		p->steg = FLAW(P_MID) ? non_text_state(r) : ST_TEXT;
		if (FLAW(P_MID)) {
			x = pick(r, 10);
			p->sign = x < 4 ? SG_NONE : x < 7 ? SG_NODATE : SG_WRONG;
		} else {
			p->sign = SG_OK;
		}
		p->sign_datum = lmin(p->datum + rrange(r, 0, 3), c->E);
		if (F(C_PLAN02, V_U))
			p->sign = SG_OK;
		if (F(C_PLAN02, V_D))
			p->sign = pick(r, 2) ? SG_NODATE : SG_WRONG;
		if (F(C_PLAN02, V_E))
			p->sign = SG_NONE;
		if (F(C_PLAN03, V_U))
			p->mal = p->steg = ST_TEXT, p->has_upf = 1;
		if (F(C_PLAN03, V_D))
			p->mal = ST_TEXT, p->steg = non_text_state(r), p->has_upf = 0;
		if (F(C_PLAN03, V_E))
			p->mal = non_text_state(r), p->steg = non_text_state(r), p->has_upf = 0, p->mal2 = 0;
		if (F(C_PLAN04, V_U) || F(C_PLAN04, V_D) || F(C_PLAN04, V_E)) {
			p->has_upf = 1;
			p->upf = lmin(p->datum + rrange(r, 30, 120), c->E - (F(C_PLAN04, V_D) ? 16 : 0));
			if (p->upf < p->datum)
				p->upf = p->datum;
		}
		if (F(C_PLAN05, V_U) || F(C_PLAN05, V_D) || F(C_PLAN05, V_E)) {
			p->has_upf = 1;
			if (p->upf > c->E)
				p->upf = lmax(p->datum, c->E - rrange(r, 0, 10));
		}
		if (i == 0 && p->has_upf && p->upf + 5 <= c->E && pick(r, 100) < 35) {
			c->pl[1].datum = lmin(p->upf + rrange(r, 0, 10), c->E);
			c->npl = 2;
		}
	}

	/* ---- uppföljningar */
	for (i = 0; i < c->npl; i++) {
		g_plan *p = &c->pl[i];
		long d;
		int mode;          /* 0 missing, 1 on time, 2 late */
		if (!p->has_upf)
			continue;
		if (p->upf > c->E) {
			if (pick(r, 100) < 20 && c->E > p->datum + 20 && c->nuf < MAXUF) {
				g_uf *f = &c->uf[c->nuf++];
				f->datum = rrange(r, p->datum + 14, c->E);
				f->plan = i;
				f->ref = 1;
				f->utv = FLAW(P_MID) ? non_text_state(r) : ST_TEXT;
			}
			continue;
		}
		x = pick(r, 100);
		mode = x < P_MID[q] ? 0 : x < 2 * P_MID[q] ? 2 : 1;
		if (F(C_PLAN04, V_U) || F(C_PLAN05, V_U) || F(C_PLAN05, V_D) || F(C_PLAN05, V_E))
			mode = 1;
		if (F(C_PLAN04, V_D))
			mode = 2;
		if (F(C_PLAN04, V_E))
			mode = 0;
		if (mode == 0 || c->nuf >= MAXUF)
			continue;
		if (mode == 2 && c->E < p->upf + 15)
			mode = 1;
		x = pick(r, 100);
		if (mode == 2)
			d = x < 8 ? p->upf + 15 : p->upf + rrange(r, 15, 60);
		else
			d = x < 8 ? p->upf + 14 : p->upf + rrange(r, -20, 14);
		d = lmin(lmax(d, p->datum), c->E);
		{
			g_uf *f = &c->uf[c->nuf++];
			f->datum = d;
			f->plan = i;
			f->ref = !FLAW(P_TINY);
			if (FLAW(P_TINY) && p->datum - 10 >= O)
				f->datum = p->datum - rrange(r, 1, 10);  /* before the plan */
			f->utv = FLAW(P_MID) ? non_text_state(r) : ST_TEXT;
			if (F(C_PLAN04, V_U) || F(C_PLAN04, V_D) || F(C_PLAN05, V_U) ||
			    F(C_PLAN05, V_D) || F(C_PLAN05, V_E))
				f->ref = 1, f->datum = d;
		}
	}
	if (c->npl && c->pl[0].datum < c->E && c->nuf < MAXUF && !F(C_PLAN04, V_D) &&
	    !F(C_PLAN04, V_E) && (pick(r, 100) < 15 || (F(C_PLAN05, V_D) && c->nuf < 2))) {
		g_uf *f = &c->uf[c->nuf++];       /* a follow-up in between */
		f->datum = rrange(r, c->pl[0].datum + 1,
				  lmin(c->E, c->pl[0].has_upf ? c->pl[0].upf : c->E));
		f->plan = 0;
		f->ref = 1;
		f->utv = FLAW(P_MID) ? non_text_state(r) : ST_TEXT;
	}
	for (i = 0; i < c->nuf; i++) {
		if (F(C_PLAN05, V_U) || (F(C_PLAN05, V_D) && i == 0))
			c->uf[i].utv = ST_TEXT;
		if (F(C_PLAN05, V_E) || (F(C_PLAN05, V_D) && i == 1))
			c->uf[i].utv = non_text_state(r);
	}
	if (F(C_PLAN05, V_ET))
		c->nuf = 0;
	if (edge == EDGE_UF_BEFORE && c->npl > 0 && c->pl[0].has_upf) {
		/* drop plan 1's follow-ups, add one dated before it */
		for (i = 0, k = 0; i < c->nuf; i++)
			if (c->uf[i].plan != 0 || !c->uf[i].ref)
				c->uf[k++] = c->uf[i];
		c->nuf = k;
		if (c->nuf < MAXUF && c->pl[0].datum > O) {
			g_uf *f = &c->uf[c->nuf++];
			f->datum = c->pl[0].datum - rrange(r, 1, lmin(10, c->pl[0].datum - O));
			f->plan = 0;
			f->ref = 1;
			f->utv = ST_TEXT;
		}
	}
	/* in date order */
	for (i = 1; i < c->nuf; i++)
		for (k = i; k > 0 && c->uf[k].datum < c->uf[k - 1].datum; k--) {
			g_uf t = c->uf[k];
			c->uf[k] = c->uf[k - 1];
			c->uf[k - 1] = t;
		}

	/* ---- external contacts and the consent to them (AKT-02) */
	{
		int f_akt = F(C_AKT02, V_U) || F(C_AKT02, V_D) || F(C_AKT02, V_E) ||
			edge == EDGE_SAMT_SAME || edge == EDGE_SAMT_LATE;
		g_samt *sa = &c->sa[0];
		x = pick(r, 100);
		c->nek = x < 35 ? 0 : x < 65 ? 1 : x < 85 ? 2 : 3;
		if (f_akt && c->nek < 1)
			c->nek = 1;
		if (F(C_AKT02, V_D) && c->nek < 2)
			c->nek = 2;
		if (F(C_AKT02, V_ET))
			c->nek = 0;
		for (i = 0; i < c->nek; i++) {
			c->ek[i].datum = rrange(r, lmin(O + 1, c->E), c->E);
			c->ek[i].part = draw_part(r, c->nc > 0);
		}
		/* UNG-01: a contact with Arbetsförmedlingen shortly before avslut */
		if (F(C_UNG01, V_U) && c->avsl && c->nek < MAXEK && pick(r, 2)) {
			c->ek[c->nek].datum = lmax(O, c->A - rrange(r, 0, 30));
			c->ek[c->nek].part = PT_AF;
			c->nek++;
			ung_contact = 1;
		}
		for (i = 1; i < c->nek; i++)
			for (k = i; k > 0 && c->ek[k].datum < c->ek[k - 1].datum; k--) {
				g_kont t = c->ek[k];
				c->ek[k] = c->ek[k - 1];
				c->ek[k - 1] = t;
			}
		/* UNG-01 ej uppfyllt: no contact in the 30 days before avslut */
		if (F(C_UNG01, V_E) && c->avsl) {
			for (i = 0, k = 0; i < c->nek; i++)
				if (c->ek[i].datum < c->A - 30 || c->ek[i].datum > c->A)
					c->ek[k++] = c->ek[i];
			c->nek = k;
		}
		if (F(C_AKT02, V_D) && c->nek >= 2 && c->ek[0].part == c->ek[1].part)
			c->ek[0].part = (c->ek[1].part + 1 + pick(r, PT_N - 2)) % PT_N;
		if (F(C_AKT02, V_D) && c->nek >= 2 && c->ek[0].part == PT_SKOLA && c->nc == 0)
			c->ek[0].part = c->ek[1].part == PT_AF ? PT_FK : PT_AF;
		if (edge == EDGE_SAMT_LATE && c->nek > 0 && c->ek[0].datum >= c->E && c->E - 1 >= O)
			c->ek[0].datum = c->E - 1;

		/* the consent: usually a medgivande signed at the first visit */
		c->nsa = !FLAW(P_MID);
		sa->datum = O;
		if (c->nek > 0 && pick(r, 100) < 8)
			sa->datum = c->ek[0].datum;          /* the day of the first contact */
		sa->dated = !FLAW(P_LOW);
		x = pick(r, 100);
		sa->form = x < 10 ? 0 : x < 80 ? 1 : 2;
		sa->person = c->np > 1 && pick(r, 100) < 20;
		sa->parts = 0;
		if (pick(r, 100) < 50) {
			/* names the parties: those contacted, and often some more */
			for (i = 0; i < c->nek; i++)
				sa->parts |= 1u << c->ek[i].part;
			if (pick(r, 100) < 60)
				sa->parts |= 1u << PT_AF | 1u << PT_FK;
			if (c->nek > 0 && FLAW(P_LOW))
				sa->parts &= ~(1u << c->ek[pick(r, c->nek)].part);
			if (sa->parts == 0)
				sa->parts = 1u << PT_AF;
		}
		if (c->nek > 0 && FLAW(P_LOW) && c->ek[0].datum < c->E)
			sa->datum = rrange(r, c->ek[0].datum + 1, c->E);   /* asked for afterwards */
		if (F(C_AKT02, V_U) || F(C_AKT02, V_D) || edge == EDGE_SAMT_SAME ||
		    edge == EDGE_SAMT_LATE) {
			c->nsa = 1;
			sa->dated = 1;
			sa->datum = lmin(O, c->nek > 0 ? c->ek[0].datum : O);
			sa->parts = F(C_AKT02, V_D) && c->nek >= 2 ? 1u << c->ek[1].part : 0;
			if (edge == EDGE_SAMT_SAME && c->nek > 0)
				sa->datum = c->ek[0].datum;
			if (edge == EDGE_SAMT_LATE && c->nek > 0 && c->ek[0].datum < c->E)
				sa->datum = c->ek[0].datum + 1;
		}
		if (F(C_AKT02, V_E) && c->nek > 0) {
			x = pick(r, 3);
			if (x == 1)
				c->nsa = 1, sa->dated = 0;
			else if (x == 2 && c->ek[c->nek - 1].datum < c->E)
				c->nsa = 1, sa->dated = 1,
				sa->datum = rrange(r, c->ek[c->nek - 1].datum + 1, c->E);
			else
				c->nsa = 0;
		}
		/* now and then a second, later consent naming one more party */
		if (!f_akt && c->nsa == 1 && c->nek > 0 && pick(r, 100) < 10) {
			g_samt *s2 = &c->sa[1];
			s2->datum = rrange(r, sa->dated ? sa->datum : O, c->E);
			s2->dated = 1;
			s2->form = 1;
			s2->person = 0;
			s2->parts = 1u << c->ek[c->nek - 1].part;
			c->nsa = 2;
		}
	}

	/* ---- journal */
#define JADD(d, kd) do { if (c->nj < MAXJ) { c->j[c->nj].datum = (d); \
	c->j[c->nj].kind = (kd); c->j[c->nj].part = 0; c->nj++; } } while (0)
#define JADDP(d, kd, p) do { if (c->nj < MAXJ) { c->j[c->nj].datum = (d); \
	c->j[c->nj].kind = (kd); c->j[c->nj].part = (p); c->nj++; } } while (0)
	JADD(O, J_NYBESOK);
	for (i = 0; i < c->na; i++) {
		JADD(c->a[i].datum, J_ANSOKAN);
		if (pick(r, 100) < 40)
			JADD(lmin(c->a[i].datum + rrange(r, 0, 3), c->E), J_INFOTORG);
	}
	if (c->hasG)
		JADD(c->gdat, J_UTREDNING);
	if (c->hasF)
		JADD(c->fdat, J_FORDJUPAD);
	for (i = 0; i < c->nb; i++)
		JADD(c->b[i].datum, J_BESLUT);
	for (i = 0; i < c->npl; i++)
		JADD(c->pl[i].datum, J_PLAN);
	for (i = 0; i < c->nuf; i++)
		JADD(c->uf[i].datum, J_UPPF);
	for (k = pick(r, 4); k > 0; k--)
		JADD(rrange(r, O, c->E), J_TELEFON + pick(r, 2));
	for (i = 0; i < c->nek; i++)
		JADDP(c->ek[i].datum, J_EXT, c->ek[i].part);
	for (i = 0; i < c->nsa; i++)
		if (c->sa[i].dated)
			JADDP(c->sa[i].datum, J_SAMT, c->sa[i].form);
	for (i = 0; i < c->nan; i++)
		JADD(c->an[i].datum, J_ANV);
	if (c->avsl && (q == 0 || pick(r, 100) < (q == 1 ? 70 : 40)))
		JADD(c->A, J_AVSLUT);
	/* violence noticed, with or without a FREDA screening */
	if (pick(r, 100) < 15 || F(C_VALD01, V_U) || F(C_VALD01, V_E)) {
		JADD(rrange(r, O, c->E), J_VALD);
		if (!F(C_VALD01, V_E) && (F(C_VALD01, V_U) || pick(r, 100) < (q == 0 ? 80 : q == 1 ? 50 : 20)))
			JADD(rrange(r, O, c->E), J_FREDA);
	}
	if (F(C_UTR09, V_U) && c->E >= R - 365)
		JADD(rrange(r, lmax(O, R - 365), c->E), J_INFOTORG);
	if (F(C_UNG01, V_U) && !ung_contact)
		JADD(c->A - rrange(r, 0, 30), J_UPPF);
#undef JADD
#undef JADDP
	/* UTR-09 ej uppfyllt: no kontroll in the last 12 months */
	if (F(C_UTR09, V_E))
		for (i = 0; i < c->nj; i++)
			if (c->j[i].kind == J_INFOTORG && R - c->j[i].datum <= 365)
				c->j[i].kind = J_TELEFON;
	/* UNG-01 ej uppfyllt: no contact in the 30 days before avslut */
	if (F(C_UNG01, V_E))
		for (i = 0; i < c->nj; i++)
			if ((c->j[i].kind == J_UPPF || c->j[i].kind == J_EXT ||
			     c->j[i].kind == J_AVSLUT) && c->j[i].datum >= c->A - 30 && c->j[i].datum <= c->A)
				c->j[i].kind = J_BESOK;
	for (i = 1; i < c->nj; i++)
		for (k = i; k > 0 && c->j[k].datum < c->j[k - 1].datum; k--) {
			g_jour t = c->j[k];
			c->j[k] = c->j[k - 1];
			c->j[k - 1] = t;
		}
	{
		static const int PD[3] = { 1, 3, 8 }, PS[3] = { 1, 4, 10 };
		for (i = 0; i < c->nj; i++) {
			c->j[i].dated = !FLAW(PD);
			c->j[i].sig = FLAW(PS) ? pick(r, 2) : 2;
			c->j[i].who = pick(r, 100) < 20 ? pick(r, u->nh) : c->hl;
		}
	}
	c->has_j = !FLAW(P_TINY);
	if (F(C_JOUR01, V_U) || F(C_JOUR01, V_E) || F(C_JOUR01, V_ET) ||
	    F(C_JOUR02, V_U) || F(C_JOUR02, V_D) || F(C_UTR09, V_U) ||
	    F(C_VALD01, V_U) || F(C_VALD01, V_E) || F(C_UNG01, V_U))
		c->has_j = 1;
	if (F(C_UTR09, V_U) || F(C_UNG01, V_U))
		for (i = 0; i < c->nj; i++)
			c->j[i].dated = 1;
	if (F(C_JOUR02, V_E))
		c->has_j = 0;
	if (F(C_JOUR01, V_U) || F(C_JOUR01, V_E) || F(C_JOUR02, V_U) || F(C_JOUR02, V_D))
		for (i = 0; i < c->nj; i++)
			c->j[i].dated = 1;
	if (F(C_JOUR02, V_U) || F(C_JOUR02, V_D))
		for (i = 0; i < c->nj; i++)
			c->j[i].sig = 2;
	if (F(C_JOUR02, V_D))
		c->j[pick(r, c->nj)].sig = pick(r, 2);
	if (F(C_JOUR01, V_ET))
		c->nj = 1;
	if ((FLAW(P_LOW) && !F(C_JOUR01, V_U)) || F(C_JOUR01, V_E)) {
		/* one entry written out of order: swap a dated pair */
		int cand[MAXJ], nc = 0;
		for (i = 0; i + 1 < c->nj; i++)
			if (c->j[i].dated && c->j[i + 1].dated && c->j[i].datum < c->j[i + 1].datum)
				cand[nc++] = i;
		if (nc) {
			g_jour t;
			i = cand[pick(r, nc)];
			t = c->j[i];
			c->j[i] = c->j[i + 1];
			c->j[i + 1] = t;
		}
	}
}
#undef F
#undef FLAW

/* ============================================================ 3. oracle */

/* Combination of item verdicts (semantics.md "for-each combination"). */
typedef struct items { int n, nu, ne; } items;

static void item_add(items *it, verdict v)
{
	it->n++;
	if (v == V_U)
		it->nu++;
	else if (v == V_E)
		it->ne++;
}

static verdict item_result(const items *it, verdict empty)
{
	if (it->n == 0)
		return empty;
	if (it->nu == it->n)
		return V_U;
	if (it->ne == it->n)
		return V_E;
	return V_D;
}

static int besl_ref(const akt *c, const g_besl *b)
{
	return c->ans_docs && b->ref;
}

static int is_text(int st)
{
	return st == ST_TEXT || st == ST_DUP || st == ST_NOREF;
}

/* The verdict of every criterion for akt c on reference date R, from the
 * choices alone. */
static void oracle(const akt *c, long R, verdict v[C_N])
{
	items it;
	int i, k, nch = n_children(c, R);

	/* AKT-01 */
	memset(&it, 0, sizeof(it));
	for (i = 0; c->ans_docs && i < c->na; i++)
		item_add(&it, c->a[i].dated ? V_U : V_E);
	v[C_AKT01] = item_result(&it, V_E);

	/* AKT-02: each external contact covered by an earlier (or same-day) consent */
	memset(&it, 0, sizeof(it));
	for (i = 0; i < c->nek; i++) {
		int covered = 0;
		for (k = 0; k < c->nsa; k++)
			covered |= samt_covers(&c->sa[k], &c->ek[i]);
		item_add(&it, covered ? V_U : V_E);
	}
	v[C_AKT02] = item_result(&it, V_ET);

	/* UTR-01: the earliest dated ansökan to the grundutredning */
	{
		long first = 0;
		int have = 0;
		for (i = 0; c->ans_docs && i < c->na; i++)
			if (c->a[i].dated && (!have || c->a[i].datum < first))
				first = c->a[i].datum, have = 1;
		v[C_UTR01] = c->hasG && have ? (c->gdat - first <= 14 ? V_U : V_E) : V_ET;
	}

	/* UTR-02..08 */
	v[C_UTR02] = c->hasG ? V_U : V_E;
	if (c->hasG && !c->avsl) {
		long d = c->grev ? c->grevdat : c->gdat;
		v[C_UTR03] = util_date_add_months(d, 12) >= R ? V_U : V_E;
	} else {
		v[C_UTR03] = V_ET;
	}
	if (c->hasG) {
		for (i = T_FORS_, k = 0; i <= T_BEH_; i++)
			k += c->sec[i] == ST_TEXT || c->sec[i] == ST_DUP;
		v[C_UTR04] = k == 3 ? V_U : k >= 1 ? V_D : V_E;
		for (i = T_BOE_, k = 0; i <= T_EKO_; i++)
			k += c->sec[i] == ST_TEXT || c->sec[i] == ST_DUP;
		v[C_UTR05] = k == 6 ? V_U : k >= 3 ? V_D : V_E;
		v[C_UTR06] = c->sec[T_ANA_] == AN_MATCH ? V_U
			: c->sec[T_ANA_] == AN_PLAIN ? V_D : V_E;
		v[C_UTR07] = c->sec[T_ENS_] == ST_TEXT ? V_U : V_E;
		v[C_UTR08] = c->sec[T_KOM_] == ST_TEXT ? V_U : V_E;
	} else {
		v[C_UTR04] = v[C_UTR05] = v[C_UTR06] = v[C_UTR07] = v[C_UTR08] = V_ET;
	}

	/* BARN-01..05 */
	if (nch > 0) {
		memset(&it, 0, sizeof(it));
		for (i = 0; i < c->nc; i++)
			if (is_child(c->c[i].fodd, R))
				item_add(&it, c->c[i].sit == ST_TEXT ? V_U : V_E);
		v[C_BARN01] = item_result(&it, V_ET);
		v[C_BARN02] = is_text(c->basta) ? V_U : V_E;
		memset(&it, 0, sizeof(it));
		for (i = 0; i < c->nc; i++)
			if (is_child(c->c[i].fodd, R))
				item_add(&it, c->c[i].rost == ST_TEXT ? V_U : V_E);
		v[C_BARN03] = item_result(&it, V_ET);
		memset(&it, 0, sizeof(it));
		for (i = 0; i < c->nb; i++)
			item_add(&it, c->b[i].motiv == MV_TEXT_BARN ||
				 c->b[i].motiv == MV_SHORT_BARN ? V_U : V_E);
		v[C_BARN05] = item_result(&it, V_ET);
		memset(&it, 0, sizeof(it));
		for (i = 0; i < c->nb; i++)
			if (c->b[i].utfall != UT_BIFALL)
				item_add(&it, c->b[i].bka == ST_TEXT ? V_U : V_E);
		v[C_BARN04] = item_result(&it, V_ET);
	} else {
		v[C_BARN01] = v[C_BARN02] = v[C_BARN03] = v[C_BARN05] = V_ET;
		v[C_BARN04] = V_ET;
	}

	/* PLAN-01..05 */
	v[C_PLAN01] = c->avsl ? V_ET : c->npl > 0 ? V_U : V_E;
	memset(&it, 0, sizeof(it));
	for (i = 0; i < c->npl; i++)
		item_add(&it, c->pl[i].sign == SG_OK ? V_U : c->pl[i].sign == SG_NONE ? V_E : V_D);
	v[C_PLAN02] = item_result(&it, V_ET);
	memset(&it, 0, sizeof(it));
	for (i = 0; i < c->npl; i++) {
		const g_plan *p = &c->pl[i];
		k = (p->mal == ST_TEXT) + (p->steg == ST_TEXT) + (p->has_upf != 0);
		item_add(&it, k == 3 ? V_U : k == 0 ? V_E : V_D);
	}
	v[C_PLAN03] = item_result(&it, V_ET);
	memset(&it, 0, sizeof(it));
	for (i = 0; i < c->npl; i++) {
		const g_plan *p = &c->pl[i];
		int ontime = 0, later = 0;
		if (!p->has_upf || p->upf > R)
			continue;
		for (k = 0; k < c->nuf; k++) {
			const g_uf *f = &c->uf[k];
			if (!f->ref || f->plan != i)
				continue;
			if (f->datum >= p->datum && f->datum <= p->upf + 14)
				ontime = 1;
			else if (f->datum > p->upf + 14)
				later = 1;
		}
		item_add(&it, ontime ? V_U : later ? V_D : V_E);
	}
	v[C_PLAN04] = item_result(&it, V_ET);
	memset(&it, 0, sizeof(it));
	for (i = 0; i < c->nuf; i++)
		item_add(&it, c->uf[i].utv == ST_TEXT ? V_U : V_E);
	v[C_PLAN05] = item_result(&it, V_ET);
	/* PLAN-06: each anvisning; to a recipient, with activity, period, grounds */
	memset(&it, 0, sizeof(it));
	for (i = 0; i < c->nan; i++) {
		const g_anv *a = &c->an[i];
		if (!anv_recipient(c, a)) {
			item_add(&it, V_E);
			continue;
		}
		k = (a->verk == ST_TEXT) + (a->period == PE_BOTH) + (a->skal == ST_TEXT);
		item_add(&it, k == 3 ? V_U : k == 0 ? V_E : V_D);
	}
	v[C_PLAN06] = item_result(&it, V_ET);

	/* BESL-01..05 */
	memset(&it, 0, sizeof(it));
	for (i = 0; c->ans_docs && i < c->na; i++) {
		int found = 0;
		if (c->a[i].dated && R - c->a[i].datum <= 14)
			continue;
		for (k = 0; k < c->nb; k++)
			if (besl_ref(c, &c->b[k]) && c->b[k].ans == i)
				found = 1;
		item_add(&it, found ? V_U : V_E);
	}
	v[C_BESL01] = item_result(&it, V_ET);
	memset(&it, 0, sizeof(it));
	for (i = 0; i < c->nb; i++) {
		k = (c->b[i].bf == 2) + (c->b[i].dated != 0);
		item_add(&it, k == 2 ? V_U : k == 1 ? V_D : V_E);
	}
	v[C_BESL02] = item_result(&it, V_ET);
	memset(&it, 0, sizeof(it));
	for (i = 0; i < c->nb; i++)
		item_add(&it, c->b[i].motiv == MV_TEXT || c->b[i].motiv == MV_TEXT_BARN ? V_U : V_E);
	v[C_BESL03] = item_result(&it, V_ET);
	memset(&it, 0, sizeof(it));
	for (i = 0; i < c->nb; i++)
		if (c->b[i].utfall != UT_BIFALL)
			item_add(&it, c->b[i].besvar == ST_TEXT ? V_U : V_E);
	v[C_BESL04] = item_result(&it, V_ET);
	memset(&it, 0, sizeof(it));
	for (i = 0; i < c->nb; i++) {
		const g_besl *b = &c->b[i];
		if (!b->dated || !besl_ref(c, b) || !c->a[b->ans].dated)
			continue;
		item_add(&it, b->datum - c->a[b->ans].datum <= 14 ? V_U : V_E);
	}
	v[C_BESL05] = item_result(&it, V_ET);

	/* JOUR-01..02 */
	{
		int ndated = 0, ok = 1, have = 0;
		long last = 0;
		for (i = 0; c->has_j && i < c->nj; i++) {
			if (!c->j[i].dated)
				continue;
			ndated++;
			if (have && c->j[i].datum < last)
				ok = 0;
			last = c->j[i].datum;
			have = 1;
		}
		v[C_JOUR01] = ndated >= 2 ? (ok ? V_U : V_E) : V_ET;
	}
	memset(&it, 0, sizeof(it));
	for (i = 0; c->has_j && i < c->nj; i++) {
		k = (c->j[i].dated != 0) + (c->j[i].sig == 2);
		item_add(&it, k == 2 ? V_U : k == 1 ? V_D : V_E);
	}
	v[C_JOUR02] = item_result(&it, V_E);

	/* PLAN-07: ongoing and opened at least 5 months before R */
	v[C_PLAN07] = !c->avsl && util_date_add_months(c->O, 5) <= R
		? (c->hasF ? V_U : V_E) : V_ET;

	/* UTR-09: ongoing, opened >= 6 months before R; a kontroll in the last 365 days */
	v[C_UTR09] = V_ET;
	if (!c->avsl && util_date_add_months(c->O, 6) <= R) {
		v[C_UTR09] = V_E;
		for (i = 0; c->has_j && i < c->nj; i++)
			if (c->j[i].dated && c->j[i].kind == J_INFOTORG &&
			    R - c->j[i].datum >= 0 && R - c->j[i].datum <= 365)
				v[C_UTR09] = V_U;
	}
	/* VALD-01: violence noticed in the journal; a FREDA / våldsbedömning entry */
	{
		int seen = 0, freda = 0;
		for (i = 0; c->has_j && i < c->nj; i++) {
			seen |= c->j[i].kind == J_VALD || c->j[i].kind == J_FREDA;
			freda |= c->j[i].kind == J_FREDA;
		}
		v[C_VALD01] = !seen ? V_ET : freda ? V_U : V_E;
	}
	/* UNG-01: closed, sökande 18-24 on avslut; contact note in [A-30, A] */
	v[C_UNG01] = V_ET;
	if (c->avsl && util_age_on(c->p[0].fodd, c->A) >= 18 && util_age_on(c->p[0].fodd, c->A) <= 24) {
		v[C_UNG01] = V_E;
		for (i = 0; c->has_j && i < c->nj; i++)
			if (c->j[i].dated && (c->j[i].kind == J_UPPF || c->j[i].kind == J_EXT ||
			     c->j[i].kind == J_AVSLUT) && c->j[i].datum >= c->A - 30 && c->j[i].datum <= c->A)
				v[C_UNG01] = V_U;
	}
}

/* ========================================================= 4. rendering */

typedef struct rd {
	abuf *b;          /* the akt being written */
	abuf t;           /* scratch for filled templates */
	rng tr;           /* text choices (never affect a verdict) */
	const akt *c;
	const unit *u;
	long R;
	int err;          /* sticky AUDIT_ENOMEM */
	const char *S, *M, *B, *A;
} rd;

static void out(rd *x, const char *s)
{
	if (!x->err && abuf_puts(x->b, s) != AUDIT_OK)
		x->err = AUDIT_ENOMEM;
}

static void outn(rd *x, const char *s, size_t n)
{
	if (!x->err && abuf_add(x->b, s, n) != AUDIT_OK)
		x->err = AUDIT_ENOMEM;
}

static void outl(rd *x, long v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%ld", v);
	out(x, buf);
}

/* XML-escapes s into the akt: & < > " ' */
static void esc(rd *x, const char *s)
{
	const char *run = s;

	for (; *s; s++) {
		const char *rep;
		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&apos;"; break;
		default: continue;
		}
		outn(x, run, (size_t)(s - run));
		out(x, rep);
		run = s + 1;
	}
	outn(x, run, (size_t)(s - run));
}

/* Expands {S} {M} {B} {A} of tpl into dst. */
static int expand(abuf *dst, const char *tpl, const char *S, const char *M,
		  const char *B, const char *A)
{
	const char *p;
	int rc = AUDIT_OK;

	abuf_reset(dst);
	for (p = tpl; *p && rc == AUDIT_OK; p++) {
		const char *v = NULL;
		if (p[0] == '{' && p[1] && p[2] == '}') {
			switch (p[1]) {
			case 'S': v = S; break;
			case 'M': v = M; break;
			case 'B': v = B; break;
			case 'A': v = A; break;
			default: break;
			}
		}
		if (v) {
			rc = abuf_puts(dst, v);
			p += 2;
		} else {
			rc = abuf_add(dst, p, 1);
		}
	}
	return rc;
}

static void fill(rd *x, const char *tpl)
{
	if (x->err)
		return;
	if (expand(&x->t, tpl, x->S, x->M, x->B, x->A) != AUDIT_OK) {
		x->err = AUDIT_ENOMEM;
		return;
	}
	esc(x, abuf_str(&x->t));
}

static const char *choose(rd *x, const char *const *pool, size_t n)
{
	return pool[rng_below(&x->tr, (uint32_t)n)];
}
#define CHOOSE(x, pool) choose((x), (pool), NELEM(pool))

static void attr(rd *x, const char *name, const char *val)
{
	out(x, " ");
	out(x, name);
	out(x, "=\"");
	esc(x, val);
	out(x, "\"");
}

static void attr_date(rd *x, const char *name, long d)
{
	char s[11];

	util_date_format(d, s);
	attr(x, name, s);
}

/* Content for a text element in state st, drawn from pool when Text. */
static void content(rd *x, int st, const char *const *pool, size_t n)
{
	if (st == ST_SHORT)
		esc(x, CHOOSE(x, SHORT));
	else if (st != ST_NONE) {
		if (rng_below(&x->tr, 100) < 4)
			esc(x, CHOOSE(x, BORDER));
		else
			fill(x, choose(x, pool, n));
	}
}

/* <tag>content</tag> unless st is ST_NONE */
static void element(rd *x, const char *ind, const char *tag, int st,
		    const char *const *pool, size_t n)
{
	if (st == ST_NONE)
		return;
	out(x, ind);
	out(x, "<");
	out(x, tag);
	out(x, ">");
	content(x, st, pool, n);
	out(x, "</");
	out(x, tag);
	out(x, ">\n");
}

static void section(rd *x, int typ, int st, const char *barn,
		    const char *const *pool, size_t n)
{
	if (st == ST_NONE)
		return;
	if (st == ST_DUP) {
		section(x, typ, ST_SHORT, barn, pool, n);
		st = ST_TEXT;
	}
	out(x, "    <avsnitt");
	attr(x, "typ", SEC_TYP[typ]);
	if (rng_below(&x->tr, 100) < 85)
		attr(x, "rubrik", SEC_RUBRIK[typ]);
	if (barn && st != ST_NOREF)
		attr(x, "barn", barn);
	out(x, ">");
	content(x, st, pool, n);
	out(x, "</avsnitt>\n");
}

static const char *child_name(const akt *c, int i)
{
	return FIRST_CHILD[c->c[i].fn];
}

/* Sets x->B and x->A for child i as of date d; returns the age. */
static int child_ctx(rd *x, int i, long d, char age[16])
{
	int a = util_age_on(x->c->c[i].fodd, d);

	if (a <= 0)
		snprintf(age, 16, "knappt ett");
	else
		snprintf(age, 16, "%d", a);
	x->B = child_name(x->c, i);
	x->A = age;
	return a;
}

static void child_sections(rd *x, int in_f, long d)
{
	const akt *c = x->c;
	char id[16], age[16];
	int i;

	for (i = 0; i < c->nc; i++) {
		const g_child *ch = &c->c[i];
		int a;
		if (ch->sit == ST_NONE || ch->sit_f != in_f)
			continue;
		snprintf(id, sizeof(id), "B%d", i + 1);
		a = child_ctx(x, i, d, age);
		if (ch->sit == ST_SHORT) {
			section(x, T_BSIT_, ST_SHORT, id, NULL, 0);
			continue;
		}
		out(x, "    <avsnitt");
		attr(x, "typ", SEC_TYP[T_BSIT_]);
		if (rng_below(&x->tr, 100) < 85)
			attr(x, "rubrik", SEC_RUBRIK[T_BSIT_]);
		if (ch->sit != ST_NOREF)
			attr(x, "barn", id);
		out(x, ">");
		fill(x, a < 2 ? CHOOSE(x, T_SIT_BABY) : a < 6 ? CHOOSE(x, T_SIT_SMALL)
		     : a < 13 ? CHOOSE(x, T_SIT_SCHOOL) : a < 18 ? CHOOSE(x, T_SIT_TEEN)
		     : CHOOSE(x, T_SIT_ADULT));
		fill(x, T_BOENDE_SUFFIX[ch->boende]);
		out(x, "</avsnitt>\n");
	}
	if (c->basta != ST_NONE && c->basta_f == in_f) {
		x->B = child_name(c, 0);
		section(x, T_BBAS_, c->basta, NULL, T_BASTA, NELEM(T_BASTA));
	}
	for (i = 0; i < c->nc; i++) {
		const g_child *ch = &c->c[i];
		int a;
		if (ch->rost == ST_NONE || ch->rost_f != in_f)
			continue;
		snprintf(id, sizeof(id), "B%d", i + 1);
		a = child_ctx(x, i, d, age);
		if (a < 6)
			section(x, T_BROST_, ch->rost, id, T_ROST_YOUNG, NELEM(T_ROST_YOUNG));
		else
			section(x, T_BROST_, ch->rost, id, T_ROST, NELEM(T_ROST));
	}
}

static void personnummer(char out_[32], long fodd, int nr)
{
	int y, m, d, sum = 0, i, check;
	char digits[32];

	util_civil_from_days(fodd, &y, &m, &d);
	snprintf(digits, sizeof(digits), "%02d%02d%02d%03d", y % 100, m, d, nr % 1000);
	for (i = 0; i < 9; i++) {
		int v = (digits[i] - '0') * (i % 2 == 0 ? 2 : 1);
		sum += v > 9 ? v - 9 : v;
	}
	check = (10 - sum % 10) % 10;
	/* deliberately wrong check digit: never a real person's number */
	snprintf(out_, 32, "%04d%02d%02d-%03d%d", y, m, d, nr % 1000, (check + 1) % 10);
}

static const char *hname(const unit *u, int i, char buf[64])
{
	snprintf(buf, 64, "%s %s", u->hfem[i] ? FIRST_F[u->hfn[i]] : FIRST_M[u->hfn[i]],
		 LAST[u->hln[i]]);
	return buf;
}

static void render(rd *x, const char *akt_id)
{
	const akt *c = x->c;
	const unit *u = x->u;
	char buf[64], id[48], pnr[32];
	int i, k;
	long lawchange = util_days_from_civil(2025, 7, 1);

	x->S = c->p[0].female ? FIRST_F[c->p[0].fn] : FIRST_M[c->p[0].fn];
	x->M = c->np > 1 ? (c->p[1].female ? FIRST_F[c->p[1].fn] : FIRST_M[c->p[1].fn]) : "partnern";
	x->B = "barnet";
	x->A = "";

	out(x, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<akt xmlns=\"urn:audit:akt:1\" version=\"1\"");
	attr(x, "id", akt_id);
	out(x, ">\n  <enhet");
	attr(x, "id", u->id);
	attr(x, "namn", u->name);
	out(x, "/>\n  <handlaggare");
	snprintf(id, sizeof(id), "%s-h%d", u->hpre, c->hl + 1);
	attr(x, "id", id);
	out(x, ">");
	esc(x, hname(u, c->hl, buf));
	out(x, "</handlaggare>\n  <arende");
	attr(x, "status", c->avsl ? "avslutat" : "pagaende");
	attr_date(x, "oppnat", c->O);
	if (c->avsl)
		attr_date(x, "avslutat", c->A);
	out(x, "/>\n  <hushall>\n");
	for (i = 0; i < c->np; i++) {
		const g_person *p = &c->p[i];
		snprintf(id, sizeof(id), "P%d", i + 1);
		out(x, "    <person");
		attr(x, "id", id);
		attr(x, "roll", i == 0 ? "sokande" : "medsokande");
		attr_date(x, "fodd", p->fodd);
		out(x, ">\n      <namn>");
		esc(x, p->female ? FIRST_F[p->fn] : FIRST_M[p->fn]);
		out(x, " ");
		esc(x, LAST[p->ln]);
		out(x, "</namn>\n      <personnummer>");
		personnummer(pnr, p->fodd, p->nr);
		esc(x, pnr);
		out(x, "</personnummer>\n    </person>\n");
	}
	for (i = 0; i < c->nc; i++) {
		static const char *const BO[] = { NULL, "heltid", "vaxelvis", "umgange" };
		snprintf(id, sizeof(id), "B%d", i + 1);
		out(x, "    <barn");
		attr(x, "id", id);
		attr_date(x, "fodd", c->c[i].fodd);
		if (c->c[i].boende)
			attr(x, "boende", BO[c->c[i].boende]);
		out(x, "><namn>");
		esc(x, child_name(c, i));
		out(x, "</namn></barn>\n");
	}
	out(x, "  </hushall>\n");

	/* ansökningar */
	for (i = 0; c->ans_docs && i < c->na; i++) {
		const g_ans *a = &c->a[i];
		int y, m, d;
		snprintf(id, sizeof(id), "ANS%d", i + 1);
		out(x, "  <ansokan");
		attr(x, "id", id);
		if (a->dated)
			attr_date(x, "datum", a->datum);
		if (rng_below(&x->tr, 100) < 92)
			attr(x, "avser", AVSER[a->avser]);
		out(x, ">");
		util_civil_from_days(a->datum, &y, &m, &d);
		if (a->oral) {
			out(x, "Muntlig ansökan vid besök, se journal.");
		} else if (a->avser < 4) {
			out(x, "Ansökan om försörjningsstöd för ");
			out(x, MONTHS[m - 1]);
			out(x, " ");
			outl(x, y);
			out(x, ".");
		} else {
			out(x, "Ansökan om bistånd till ");
			esc(x, AVSER[a->avser]);
			out(x, ".");
		}
		out(x, "</ansokan>\n");
	}

	/* samtycken and external contacts */
	for (i = 0; i < c->nsa; i++) {
		static const char *const FORM[] = { NULL, "skriftligt", "muntligt" };
		const g_samt *sa = &c->sa[i];
		snprintf(id, sizeof(id), "SAM%d", i + 1);
		out(x, "  <samtycke");
		attr(x, "id", id);
		if (sa->dated)
			attr_date(x, "datum", sa->datum);
		attr(x, "person", sa->person ? "P2" : "P1");
		if (sa->form)
			attr(x, "form", FORM[sa->form]);
		if (sa->parts == 0) {
			out(x, "/>\n");
			continue;
		}
		out(x, ">\n");
		for (k = 0; k < PT_N; k++)
			if (sa->parts & (1u << k)) {
				out(x, "    <avser");
				attr(x, "part", PART_ID[k]);
				out(x, "/>\n");
			}
		out(x, "  </samtycke>\n");
	}
	for (i = 0; i < c->nek; i++) {
		snprintf(id, sizeof(id), "EK%d", i + 1);
		out(x, "  <extern-kontakt");
		attr(x, "id", id);
		attr_date(x, "datum", c->ek[i].datum);
		attr(x, "part", PART_ID[c->ek[i].part]);
		out(x, ">");
		fill(x, T_EXT[c->ek[i].part]);
		out(x, "</extern-kontakt>\n");
	}

	/* utredningar */
	if (c->hasG) {
		out(x, "  <utredning id=\"U1\" typ=\"grundutredning\"");
		attr_date(x, "datum", c->gdat);
		if (c->grev)
			attr_date(x, "reviderad", c->grevdat);
		if (c->upr) {
			snprintf(id, sizeof(id), "%s-h%d", u->hpre, c->hl + 1);
			attr(x, "upprattad-av", id);
		}
		out(x, ">\n");
		section(x, T_FORS_, c->sec[T_FORS_], NULL, T_FORS, NELEM(T_FORS));
		section(x, T_RES_, c->sec[T_RES_], NULL, T_RES, NELEM(T_RES));
		section(x, T_BEH_, c->sec[T_BEH_], NULL, T_BEH, NELEM(T_BEH));
		section(x, T_BOE_, c->sec[T_BOE_], NULL, T_BOE, NELEM(T_BOE));
		section(x, T_HAL_, c->sec[T_HAL_], NULL, T_HAL, NELEM(T_HAL));
		section(x, T_ARB_, c->sec[T_ARB_], NULL, T_ARB, NELEM(T_ARB));
		section(x, T_UTB_, c->sec[T_UTB_], NULL, T_UTB, NELEM(T_UTB));
		if (c->nc)
			section(x, T_FAM_, c->sec[T_FAM_], NULL, T_FAM_KIDS, NELEM(T_FAM_KIDS));
		else if (c->np > 1)
			section(x, T_FAM_, c->sec[T_FAM_], NULL, T_FAM_COUPLE, NELEM(T_FAM_COUPLE));
		else
			section(x, T_FAM_, c->sec[T_FAM_], NULL, T_FAM_SINGLE, NELEM(T_FAM_SINGLE));
		section(x, T_EKO_, c->sec[T_EKO_], NULL, T_EKO, NELEM(T_EKO));
		child_sections(x, 0, c->gdat);
		section(x, T_ENS_, c->sec[T_ENS_], NULL, T_ENS, NELEM(T_ENS));
		if (c->sec[T_ANA_] == AN_MATCH || c->sec[T_ANA_] == AN_PLAIN) {
			/* no borderline swap: it would turn a match into none */
			out(x, "    <avsnitt typ=\"analys-bedomning\" rubrik=\"Analys och bedömning\">");
			fill(x, c->sec[T_ANA_] == AN_MATCH ? CHOOSE(x, T_ANA_MATCH) : CHOOSE(x, T_ANA_PLAIN));
			out(x, "</avsnitt>\n");
		} else if (c->sec[T_ANA_] == AN_SHORT)
			section(x, T_ANA_, ST_SHORT, NULL, NULL, 0);
		section(x, T_KOM_, c->sec[T_KOM_], NULL, T_KOM, NELEM(T_KOM));
		section(x, T_OVR_, c->sec[T_OVR_], NULL, T_OVR, NELEM(T_OVR));
		out(x, "  </utredning>\n");
	}
	if (c->hasF) {
		out(x, "  <utredning id=\"U2\" typ=\"fordjupad\"");
		attr_date(x, "datum", c->fdat);
		out(x, ">\n");
		section(x, T_HAL_, ST_TEXT, NULL, T_HAL, NELEM(T_HAL));
		section(x, T_ARB_, ST_TEXT, NULL, T_ARB, NELEM(T_ARB));
		child_sections(x, 1, c->fdat);
		out(x, "  </utredning>\n");
	}

	/* beslut */
	for (i = 0; i < c->nb; i++) {
		const g_besl *b = &c->b[i];
		static const char *const UTF[] = { "bifall", "delavslag", "avslag" };
		snprintf(id, sizeof(id), "BE%d", i + 1);
		out(x, "  <beslut");
		attr(x, "id", id);
		if (b->dated)
			attr_date(x, "datum", b->datum);
		if (b->bf == 1)
			attr(x, "beslutsfattare", "");
		else if (b->bf == 2)
			attr(x, "beslutsfattare", rng_below(&x->tr, 100) < 60
			     ? CHOOSE(x, BESLUTSFATTARE) : hname(u, c->hl, buf));
		if (besl_ref(c, b)) {
			snprintf(id, sizeof(id), "ANS%d", b->ans + 1);
			attr(x, "ansokan", id);
		}
		attr(x, "utfall", UTF[b->utfall]);
		out(x, ">\n    <lagrum>");
		out(x, b->datum < lawchange ? "4 kap. 1 § SoL" : "12 kap. 1 § SoL (2025:400)");
		out(x, "</lagrum>\n");
		x->B = c->nc ? child_name(c, 0) : "barnet";
		if (b->motiv != MV_NONE) {
			out(x, "    <motivering>");
			if (b->motiv == MV_SHORT)
				esc(x, CHOOSE(x, SHORT));
			else if (b->motiv == MV_SHORT_BARN)
				esc(x, CHOOSE(x, SHORT_BARN));
			else {
				if (b->motiv == MV_TEXT && rng_below(&x->tr, 100) < 4)
					esc(x, CHOOSE(x, BORDER));
				else
					fill(x, b->utfall == UT_BIFALL ? CHOOSE(x, T_MOT_BIFALL)
					     : b->utfall == UT_DELAVSLAG ? CHOOSE(x, T_MOT_DELAVSLAG)
					     : CHOOSE(x, T_MOT_AVSLAG));
				if (b->motiv == MV_TEXT_BARN)
					fill(x, CHOOSE(x, T_MOT_BARN));
			}
			out(x, "</motivering>\n");
		}
		element(x, "    ", "besvarshanvisning", b->besvar, T_BESVAR, NELEM(T_BESVAR));
		element(x, "    ", "barnkonsekvensanalys", b->bka, T_BKA, NELEM(T_BKA));
		out(x, "  </beslut>\n");
	}

	/* anvisningar */
	for (i = 0; i < c->nan; i++) {
		const g_anv *a = &c->an[i];
		snprintf(id, sizeof(id), "AN%d", i + 1);
		out(x, "  <anvisning");
		attr(x, "id", id);
		attr_date(x, "datum", a->datum);
		if (a->period == PE_BOTH || a->period == PE_FRAN)
			attr_date(x, "fran", a->fran);
		else if (a->period == PE_SWAP)
			attr_date(x, "fran", a->till);
		if (a->period == PE_BOTH || a->period == PE_TILL)
			attr_date(x, "till", a->till);
		else if (a->period == PE_SWAP)
			attr_date(x, "till", a->fran);
		if (a->bref >= 0) {
			snprintf(id, sizeof(id), "BE%d", a->bref + 1);
			attr(x, "beslut", id);
		}
		if (a->verk == ST_NONE && a->skal == ST_NONE) {
			out(x, "/>\n");
			continue;
		}
		out(x, ">\n");
		element(x, "    ", "verksamhet", a->verk, T_VERK, NELEM(T_VERK));
		element(x, "    ", "skal", a->skal, T_SKAL, NELEM(T_SKAL));
		out(x, "  </anvisning>\n");
	}

	/* arbetsplaner */
	for (i = 0; i < c->npl; i++) {
		const g_plan *p = &c->pl[i];
		snprintf(id, sizeof(id), "AP%d", i + 1);
		out(x, "  <arbetsplan");
		attr(x, "id", id);
		attr_date(x, "datum", p->datum);
		if (p->has_upf)
			attr_date(x, "uppfoljning-planerad", p->upf);
		out(x, ">\n");
		element(x, "    ", "mal", p->mal, T_MAL, NELEM(T_MAL));
		if (p->mal2)
			element(x, "    ", "mal", ST_TEXT, T_MAL, NELEM(T_MAL));
		element(x, "    ", "steg", p->steg, T_STEG, NELEM(T_STEG));
		if (p->sign != SG_NONE) {
			out(x, "    <underskrift");
			if (p->sign == SG_WRONG)
				attr(x, "person", c->nc ? "B1" : "P3");
			else
				attr(x, "person", c->np > 1 && rng_below(&x->tr, 100) < 30 ? "P2" : "P1");
			if (p->sign != SG_NODATE)
				attr_date(x, "datum", p->sign_datum);
			out(x, "/>\n");
		}
		out(x, "  </arbetsplan>\n");
	}

	/* uppföljningar */
	for (i = 0; i < c->nuf; i++) {
		const g_uf *f = &c->uf[i];
		snprintf(id, sizeof(id), "UF%d", i + 1);
		out(x, "  <uppfoljning");
		attr(x, "id", id);
		attr_date(x, "datum", f->datum);
		if (f->ref) {
			snprintf(id, sizeof(id), "AP%d", f->plan + 1);
			attr(x, "plan", id);
		}
		if (f->utv == ST_NONE) {
			out(x, "/>\n");
			continue;
		}
		out(x, ">\n");
		element(x, "    ", "utvardering", f->utv, T_UTV, NELEM(T_UTV));
		out(x, "  </uppfoljning>\n");
	}

	/* journal */
	if (c->has_j && c->nj > 0) {
		out(x, "  <journal>\n");
		for (i = 0; i < c->nj; i++) {
			const g_jour *j = &c->j[i];
			snprintf(id, sizeof(id), "J%d", i + 1);
			out(x, "    <anteckning");
			attr(x, "id", id);
			if (j->dated)
				attr_date(x, "datum", j->datum);
			if (j->sig == 1) {
				attr(x, "signatur", "");
			} else if (j->sig == 2) {
				snprintf(buf, sizeof(buf), "%s-h%d", u->hpre, j->who + 1);
				attr(x, "signatur", buf);
			}
			attr(x, "rubrik", j->kind == J_EXT ? PART_RUBRIK[j->part] : J_RUBRIK[j->kind]);
			out(x, ">");
			k = (int)rng_below(&x->tr, 2);
			if (j->kind == J_EXT) {
				esc(x, J_TEXT[J_EXT][k]);
				esc(x, PART_NAMN[j->part]);
				out(x, " om uppgifter i ärendet.");
			} else if (j->kind == J_SAMT) {
				fill(x, T_SAMT_J[j->part]);
			} else {
				fill(x, J_TEXT[j->kind][k]);
			}
			out(x, "</anteckning>\n");
		}
		out(x, "  </journal>\n");
	}
	out(x, "</akt>\n");
}

/* ============================================================== 5. run */

static const struct { const char *id, *name, *prefix; } UNIT_NAMES[] = {
	{ "norrby", "Norrby, ekonomiskt bistånd", "NB" },
	{ "soderas", "Söderås, ekonomiskt bistånd", "SA" },
	{ "vasterdal", "Västerdal, ekonomiskt bistånd", "VD" },
	{ "ostbacka", "Östbacka, ekonomiskt bistånd", "OB" },
	{ "lindhem", "Lindhem, ekonomiskt bistånd", "LH" },
	{ "granvik", "Granvik, ekonomiskt bistånd", "GV" },
	{ "ekbacken", "Ekbacken, ekonomiskt bistånd", "EB" },
	{ "sjoang", "Sjöäng, ekonomiskt bistånd", "SJ" }
};

/* splitmix64 finaliser: spreads (seed, unit, akt) into independent seeds */
static uint64_t mix64(uint64_t z)
{
	z += 0x9e3779b97f4a7c15ULL;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

enum { STREAM_CHOICES = 1, STREAM_TEXT = 2, STREAM_UNIT = 3 };

static void seed_for(rng *r, uint64_t seed, int unit_index, long j, uint64_t stream)
{
	uint64_t key = ((uint64_t)(unsigned)unit_index << 40) ^ (uint64_t)j;
	rng_seed(r, mix64(seed ^ mix64(key)), stream);
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

/* order[] = unit indexes sorted by prefix, so akt ids come out sorted */
static void sort_units(const unit *units, int *order, int n)
{
	int i, k;

	for (i = 0; i < n; i++)
		order[i] = i;
	for (i = 1; i < n; i++)
		for (k = i; k > 0 && strcmp(units[order[k]].prefix, units[order[k - 1]].prefix) < 0; k--) {
			int t = order[k];
			order[k] = order[k - 1];
			order[k - 1] = t;
		}
}

static void setup_unit(unit *u, int i, uint64_t seed, long count, long first)
{
	rng r;
	int k;

	memset(u, 0, sizeof(*u));
	u->index = i;
	if (i < (int)NELEM(UNIT_NAMES)) {
		snprintf(u->id, sizeof(u->id), "%s", UNIT_NAMES[i].id);
		snprintf(u->name, sizeof(u->name), "%s", UNIT_NAMES[i].name);
		snprintf(u->prefix, sizeof(u->prefix), "%s", UNIT_NAMES[i].prefix);
	} else {
		snprintf(u->id, sizeof(u->id), "enhet-%02d", i + 1);
		snprintf(u->name, sizeof(u->name), "Enhet %02d, ekonomiskt bistånd", i + 1);
		snprintf(u->prefix, sizeof(u->prefix), "E%02d", i + 1);
	}
	for (k = 0; u->prefix[k]; k++)
		u->hpre[k] = (char)(u->prefix[k] >= 'A' && u->prefix[k] <= 'Z'
				    ? u->prefix[k] - 'A' + 'a' : u->prefix[k]);
	seed_for(&r, seed, i, 0xFFFFFFFFFFL, STREAM_UNIT);
	u->quality = i < 3 ? i : pick(&r, 3);
	u->nh = 3 + pick(&r, 4);
	for (k = 0; k < u->nh; k++) {
		u->hfem[k] = pick(&r, 100) < 70;
		u->hfn[k] = u->hfem[k] ? pick(&r, (int)NELEM(FIRST_F)) : pick(&r, (int)NELEM(FIRST_M));
		u->hln[k] = pick(&r, (int)NELEM(LAST));
	}
	u->count = count;
	u->first = first;
	u->width = 4;
	for (k = 10000; k <= count && u->width < 9; k *= 10)
		u->width++;
}

/* Opening dates of unit u's akter, ascending (ärende numbers follow them). */
static void draw_opened(const unit *u, uint64_t seed, long start, long R, long *out)
{
	rng r;
	long j;

	seed_for(&r, seed, u->index, 0xFFFFFFFFFEL, STREAM_UNIT);
	for (j = 0; j < u->count; j++)
		out[j] = rrange(&r, start, R - 10);
	qsort(out, (size_t)u->count, sizeof(long), cmp_long);
}

static void make_akt(akt *c, const unit *u, uint64_t seed, long j, long O, long R, int force)
{
	rng r;

	seed_for(&r, seed, u->index, j, STREAM_CHOICES);
	build(c, &r, u, O, R, force);
}

/* Whether akt c contains boundary case edge (see EDGE_*). */
static int edge_ok(const akt *c, long R, int edge)
{
	long b18 = util_date_add_months(R, -216);
	int i, k, n;

	switch (edge) {
	case EDGE_ANS14:
	case EDGE_ANS15:
		for (i = 0; c->ans_docs && i < c->na; i++) {
			if (!c->a[i].dated || R - c->a[i].datum != (edge == EDGE_ANS14 ? 14 : 15))
				continue;
			for (k = 0; k < c->nb; k++)
				if (c->b[k].ans == i && besl_ref(c, &c->b[k]))
					break;
			if (k == c->nb)
				return 1;
		}
		return 0;
	case EDGE_18_ON_R:
	case EDGE_17_EVE:
		for (i = 0; i < c->nc; i++)
			if (c->c[i].fodd == (edge == EDGE_18_ON_R ? b18 : b18 + 1) &&
			    util_age_on(c->c[i].fodd, R) == (edge == EDGE_18_ON_R ? 18 : 17))
				return 1;
		return 0;
	case EDGE_G12:
	case EDGE_G12M1:
		return c->hasG && !c->avsl &&
		       (c->grev ? c->grevdat : c->gdat) ==
		       util_date_add_months(R, -12) - (edge == EDGE_G12M1);
	case EDGE_UTR14:
	case EDGE_UTR15: {
		long first = 0;
		int have = 0;
		for (i = 0; c->ans_docs && i < c->na; i++)
			if (c->a[i].dated && (!have || c->a[i].datum < first))
				first = c->a[i].datum, have = 1;
		return c->hasG && have && c->gdat - first == (edge == EDGE_UTR14 ? 14 : 15);
	}
	case EDGE_SAMT_SAME:
	case EDGE_SAMT_LATE:
		/* a contact whose only covering consent is dated that day (or
		 * the day after), none earlier */
		for (i = 0; i < c->nek; i++) {
			int hit = 0, earlier = 0;
			for (k = 0; k < c->nsa; k++) {
				const g_samt *s = &c->sa[k];
				long want = c->ek[i].datum + (edge == EDGE_SAMT_LATE);
				if (!s->dated || !(s->parts == 0 || (s->parts & (1u << c->ek[i].part))))
					continue;
				if (s->datum == want)
					hit = 1;
				else if (s->datum < want)
					earlier = 1;
			}
			if (hit && !earlier)
				return 1;
		}
		return 0;
	case EDGE_ANV_SAME:
	case EDGE_ANV_NOREC: {
		long g = 0;
		int have = first_grant(c, &g);
		for (i = 0; i < c->nan; i++)
			if (edge == EDGE_ANV_SAME ? have && c->an[i].datum == g
			    : !anv_recipient(c, &c->an[i]))
				return 1;
		return 0;
	}
	case EDGE_UF_BEFORE:
		for (i = 0; i < c->npl; i++) {
			if (!c->pl[i].has_upf || c->pl[i].upf > R)
				continue;
			for (k = 0, n = 0; k < c->nuf; k++)
				if (c->uf[k].ref && c->uf[k].plan == i)
					n = c->uf[k].datum < c->pl[i].datum && n >= 0 ? n + 1 : -1;
			if (n > 0)
				return 1;
		}
		return 0;
	default:
		return 0;
	}
}

/* Whether akt c (with verdicts v) reaches force target t. */
static int achieves(const akt *c, const verdict v[C_N], long R, int t)
{
	if (t < NTARGET)
		return v[t / 4] == (verdict)(t % 4 + 1);
	return edge_ok(c, R, t - NTARGET);
}

/* Pass 1: visits the akter round-robin over the units (so forcing spreads
 * over them) and, for an akt that adds nothing new to the coverage, picks
 * the first target not yet reached - a (criterion, verdict) pair
 * semantics.md allows, or a boundary case - that the akt can be made to
 * reach.  The oracle decides whether it did.  Deterministic. */
static void plan_coverage(const unit *units, const int *order, int nu, uint64_t seed,
			  const long *opened, long R, short *forced)
{
	unsigned char covered[NFORCE];
	akt c;
	verdict v[C_N], w[C_N];
	long j, maxc = 0;
	int i, t, left = 0;

	memset(covered, 0, sizeof(covered));
	for (t = 0; t < NFORCE; t++)
		if (t >= NTARGET || (CRIT_VERDICTS[t / 4] & VB(t % 4 + 1)))
			left++;
		else
			covered[t] = 1;
	for (i = 0; i < nu; i++)
		maxc = lmax(maxc, units[i].count);
	for (j = 0; j < maxc && left > 0; j++) {
		for (i = 0; i < nu && left > 0; i++) {
			const unit *u = &units[order[i]];
			int fresh = 0;
			if (j >= u->count)
				continue;
			make_akt(&c, u, seed, j, opened[u->first + j], R, -1);
			oracle(&c, R, v);
			for (t = 0; t < NFORCE && !fresh; t++)
				fresh = !covered[t] && achieves(&c, v, R, t);
			for (t = 0; !fresh && t < NFORCE; t++) {
				if (covered[t])
					continue;
				make_akt(&c, u, seed, j, opened[u->first + j], R, t);
				oracle(&c, R, w);
				if (achieves(&c, w, R, t)) {
					forced[u->first + j] = (short)t;
					memcpy(v, w, sizeof(v));
					break;
				}
			}
			if (!fresh && forced[u->first + j] < 0) {
				/* nothing reachable: keep the unforced akt */
				make_akt(&c, u, seed, j, opened[u->first + j], R, -1);
				oracle(&c, R, v);
			}
			for (t = 0; t < NFORCE; t++)
				if (!covered[t] && achieves(&c, v, R, t)) {
					covered[t] = 1;
					left--;
				}
		}
	}
}

typedef struct tsv { FILE *f; char *tmp; const char *path; } tsv;

static int tsv_open(tsv *s, const char *path, audit_err *e)
{
	abuf b = ABUF_INIT;
	int fd;

	s->path = path;
	s->f = NULL;
	if (abuf_printf(&b, "%s.tmp.%ld", path, (long)getpid()) != AUDIT_OK)
		return audit_err_set(e, AUDIT_ENOMEM, path, 0, 0, "out of memory");
	s->tmp = abuf_take(&b);
	fd = open(s->tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 || (s->f = fdopen(fd, "w")) == NULL) {
		int saved = errno;
		if (fd >= 0)
			close(fd);
		unlink(s->tmp);
		free(s->tmp);
		s->tmp = NULL;
		return audit_err_set(e, AUDIT_EIO, path, 0, 0,
				     "cannot create the expected-verdicts file: %s", strerror(saved));
	}
	fputs("akt_id\tcriterion\tverdict\n", s->f);
	return AUDIT_OK;
}

/* Finishes (ok) or abandons the file; returns AUDIT_OK or AUDIT_EIO. */
static int tsv_close(tsv *s, int ok, audit_err *e)
{
	int rc = AUDIT_OK, saved = 0;

	if (s->f == NULL)
		return AUDIT_OK;
	if (ok && (fflush(s->f) != 0 || ferror(s->f) || fsync(fileno(s->f)) != 0))
		saved = errno ? errno : EIO, ok = 0;
	if (fclose(s->f) != 0 && ok)
		saved = errno, ok = 0;
	s->f = NULL;
	if (ok && rename(s->tmp, s->path) != 0)
		saved = errno, ok = 0;
	if (!ok) {
		unlink(s->tmp);
		if (saved)
			rc = audit_err_set(e, AUDIT_EIO, s->path, 0, 0,
					   "cannot write the expected-verdicts file: %s",
					   strerror(saved));
		else
			rc = AUDIT_EIO;
	}
	free(s->tmp);
	s->tmp = NULL;
	return rc;
}

/* ------------------------------------------------------- writer threads */

/* util_write_file_atomic fsyncs every file, which makes the disk, not the
 * generator, the bottleneck (about 1 ms per akt).  A few writer threads
 * overlap those waits.  File contents never depend on the threads; only the
 * order in which files appear does.  The queue is bounded, so memory stays
 * flat. */
#define NWRITERS 8
#define QCAP 64

typedef struct wjob { char *path, *data; size_t len; } wjob;

typedef struct wpool {
	pthread_mutex_t mu;
	pthread_cond_t not_empty, not_full;
	wjob q[QCAP];
	int head, count, closing, nth, rc;
	audit_err err;
	pthread_t th[NWRITERS];
} wpool;

static void wjob_free(wjob *j)
{
	free(j->path);
	free(j->data);
	j->path = j->data = NULL;
}

static void *writer_main(void *arg)
{
	wpool *p = arg;
	wjob j;
	audit_err e;
	int rc;

	for (;;) {
		pthread_mutex_lock(&p->mu);
		while (p->count == 0 && !p->closing)
			pthread_cond_wait(&p->not_empty, &p->mu);
		if (p->count == 0) {
			pthread_mutex_unlock(&p->mu);
			return NULL;
		}
		j = p->q[p->head];
		p->head = (p->head + 1) % QCAP;
		p->count--;
		rc = p->rc;
		pthread_cond_signal(&p->not_full);
		pthread_mutex_unlock(&p->mu);
		if (rc == AUDIT_OK) {
			audit_err_clear(&e);
			rc = util_write_file_atomic(j.path, j.data, j.len, &e);
			if (rc != AUDIT_OK) {
				pthread_mutex_lock(&p->mu);
				if (p->rc == AUDIT_OK) {
					p->rc = rc;
					p->err = e;
				}
				pthread_cond_broadcast(&p->not_full);
				pthread_mutex_unlock(&p->mu);
			}
		}
		wjob_free(&j);
	}
}

static void wpool_start(wpool *p)
{
	memset(p, 0, sizeof(*p));
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->not_empty, NULL);
	pthread_cond_init(&p->not_full, NULL);
	for (p->nth = 0; p->nth < NWRITERS; p->nth++)
		if (pthread_create(&p->th[p->nth], NULL, writer_main, p) != 0)
			break;
}

/* Queues (takes) path and data; with no threads writes at once.  Returns
 * the first write error seen so far (e filled), else AUDIT_OK. */
static int wpool_put(wpool *p, char *path, char *data, size_t len, audit_err *e)
{
	wjob j = { path, data, len };
	int rc;

	if (p->nth == 0) {
		rc = util_write_file_atomic(path, data, len, e);
		wjob_free(&j);
		return rc;
	}
	pthread_mutex_lock(&p->mu);
	while (p->count == QCAP && p->rc == AUDIT_OK)
		pthread_cond_wait(&p->not_full, &p->mu);
	rc = p->rc;
	if (rc == AUDIT_OK) {
		p->q[(p->head + p->count) % QCAP] = j;
		p->count++;
		pthread_cond_signal(&p->not_empty);
	} else if (e) {
		*e = p->err;
	}
	pthread_mutex_unlock(&p->mu);
	if (rc != AUDIT_OK)
		wjob_free(&j);
	return rc;
}

/* Waits for the queue to drain and the threads to end; returns the first
 * write error (e filled) or AUDIT_OK. */
static int wpool_finish(wpool *p, audit_err *e)
{
	int i, rc;

	pthread_mutex_lock(&p->mu);
	p->closing = 1;
	pthread_cond_broadcast(&p->not_empty);
	pthread_mutex_unlock(&p->mu);
	for (i = 0; i < p->nth; i++)
		pthread_join(p->th[i], NULL);
	rc = p->rc;
	if (rc != AUDIT_OK && e)
		*e = p->err;
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->not_empty);
	pthread_cond_destroy(&p->not_full);
	return rc;
}

int generate_run(const generate_opts *o, audit_err *e)
{
	const char *anchor;
	long R, start, total, first, j;
	unit *units = NULL;
	int *order = NULL;
	long *opened = NULL;
	short *forced = NULL;
	abuf xml = ABUF_INIT, path = ABUF_INIT;
	tsv ts = { NULL, NULL, NULL };
	rd x;
	akt c;
	verdict v[C_N];
	int i, k, rc = AUDIT_OK, pool_started = 0;
	wpool pool;

	memset(&x, 0, sizeof(x));
	if (o == NULL || o->out_dir == NULL || o->out_dir[0] == '\0')
		return audit_err_set(e, AUDIT_EUSAGE, NULL, 0, 0,
				     "generate: an output folder is required");
	if (o->units < 1 || o->units > GENERATE_MAX_UNITS)
		return audit_err_set(e, AUDIT_EUSAGE, NULL, 0, 0,
				     "generate: the number of units must be 1..%d, not %d",
				     GENERATE_MAX_UNITS, o->units);
	if (o->akter < 0 || o->akter > GENERATE_MAX_AKTER)
		return audit_err_set(e, AUDIT_EUSAGE, NULL, 0, 0,
				     "generate: the number of akter must be 0..%ld, not %ld",
				     GENERATE_MAX_AKTER, o->akter);
	anchor = o->anchor_date ? o->anchor_date : "2026-10-31";
	if (util_date_parse(anchor, &R) != 0 || R < util_days_from_civil(2000, 1, 1) ||
	    R > util_days_from_civil(2200, 12, 31))
		return audit_err_set(e, AUDIT_EUSAGE, NULL, 0, 0,
				     "generate: the reference date must be YYYY-MM-DD between 2000 and 2200, not \"%s\"",
				     anchor);
	start = util_days_from_civil(2025, 1, 1);
	if (R - start < 180)
		start = R - 365;
	total = o->akter;

	units = calloc((size_t)o->units, sizeof(*units));
	order = calloc((size_t)o->units, sizeof(*order));
	opened = calloc((size_t)total + 1, sizeof(*opened));
	forced = calloc((size_t)total + 1, sizeof(*forced));
	if (!units || !order || !opened || !forced) {
		rc = audit_err_set(e, AUDIT_ENOMEM, NULL, 0, 0, "out of memory");
		goto done;
	}
	for (i = 0, first = 0; i < o->units; i++) {
		long n = total / o->units + (i < total % o->units ? 1 : 0);
		setup_unit(&units[i], i, o->seed, n, first);
		draw_opened(&units[i], o->seed, start, R, opened + first);
		first += n;
	}
	for (j = 0; j < total; j++)
		forced[j] = -1;
	sort_units(units, order, o->units);
	plan_coverage(units, order, o->units, o->seed, opened, R, forced);

	if ((rc = util_mkdirs(o->out_dir, e)) != AUDIT_OK)
		goto done;
	if (o->expect_path && (rc = tsv_open(&ts, o->expect_path, e)) != AUDIT_OK)
		goto done;
	wpool_start(&pool);
	pool_started = 1;
	for (i = 0; i < o->units; i++) {
		const unit *u = &units[order[i]];
		int year = 0;
		long seq = 0;
		abuf_reset(&path);
		if (abuf_printf(&path, "%s/%s", o->out_dir, u->id) != AUDIT_OK) {
			rc = audit_err_set(e, AUDIT_ENOMEM, NULL, 0, 0, "out of memory");
			goto done;
		}
		if ((rc = util_mkdirs(abuf_str(&path), e)) != AUDIT_OK)
			goto done;
		for (j = 0; j < u->count; j++) {
			char akt_id[40];
			int y, m, d;
			long O = opened[u->first + j];
			util_civil_from_days(O, &y, &m, &d);
			if (y != year)
				year = y, seq = 0;
			seq++;
			snprintf(akt_id, sizeof(akt_id), "%s-%04d-%0*ld", u->prefix, y, u->width, seq);
			make_akt(&c, u, o->seed, j, O, R, forced[u->first + j]);
			oracle(&c, R, v);
			abuf_reset(&xml);
			x.b = &xml;
			x.c = &c;
			x.u = u;
			x.R = R;
			x.err = AUDIT_OK;
			seed_for(&x.tr, o->seed, u->index, j, STREAM_TEXT);
			render(&x, akt_id);
			if (x.err != AUDIT_OK) {
				rc = audit_err_set(e, AUDIT_ENOMEM, NULL, 0, 0, "out of memory");
				goto done;
			}
			abuf_reset(&path);
			if (abuf_printf(&path, "%s/%s/%s.xml", o->out_dir, u->id, akt_id) != AUDIT_OK) {
				rc = audit_err_set(e, AUDIT_ENOMEM, NULL, 0, 0, "out of memory");
				goto done;
			}
			{
				size_t len = xml.len;
				char *data = abuf_take(&xml), *p = abuf_take(&path);
				if (data == NULL || p == NULL) {
					free(data);
					free(p);
					rc = audit_err_set(e, AUDIT_ENOMEM, NULL, 0, 0, "out of memory");
					goto done;
				}
				if ((rc = wpool_put(&pool, p, data, len, e)) != AUDIT_OK)
					goto done;
			}
			if (ts.f)
				for (k = 0; k < C_N; k++)
					fprintf(ts.f, "%s\t%s\t%s\n", akt_id, CRIT_ID[k], verdict_name(v[k]));
		}
	}
	pool_started = 0;
	if ((rc = wpool_finish(&pool, e)) != AUDIT_OK)
		goto done;
	if (ts.f) {
		rc = tsv_close(&ts, 1, e);
		if (rc != AUDIT_OK)
			goto done;
	}
	if (!o->quiet)
		fprintf(stderr, "generate: %ld akter in %d units written to %s\n",
			total, o->units, o->out_dir);
done:
	if (pool_started)
		wpool_finish(&pool, NULL);
	if (ts.f)
		tsv_close(&ts, 0, NULL);
	abuf_free(&x.t);
	abuf_free(&xml);
	abuf_free(&path);
	free(units);
	free(order);
	free(opened);
	free(forced);
	return rc;
}

/* ------------------------------------------------------- pool self-check */

/* characters after XPath-style whitespace normalisation */
static size_t norm_chars(const char *s)
{
	size_t n = 0;
	int pending_space = 0, any = 0;

	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
			pending_space = any;
			continue;
		}
		if (pending_space)
			n++, pending_space = 0;
		if ((ch & 0xC0) != 0x80)
			n++;
		any = 1;
	}
	return n;
}

typedef struct pool_ref { const char *name; const char *const *p; size_t n; } pool_ref;
#define POOL(a) { #a, a, NELEM(a) }

static int re_match(pcre2_code *re, pcre2_match_data *md, const char *s)
{
	return pcre2_match(re, (PCRE2_SPTR)s, PCRE2_ZERO_TERMINATED, 0, 0, md, NULL) >= 0;
}

int generate_check_pools(audit_err *e)
{
	static const pool_ref text[] = {
		POOL(T_FORS), POOL(T_RES), POOL(T_BEH), POOL(T_BOE), POOL(T_HAL),
		POOL(T_ARB), POOL(T_UTB), POOL(T_FAM_SINGLE), POOL(T_FAM_COUPLE),
		POOL(T_FAM_KIDS), POOL(T_EKO), POOL(T_ENS), POOL(T_ANA_MATCH),
		POOL(T_ANA_PLAIN), POOL(T_KOM), POOL(T_OVR), POOL(T_SIT_BABY),
		POOL(T_SIT_SMALL), POOL(T_SIT_SCHOOL), POOL(T_SIT_TEEN),
		POOL(T_SIT_ADULT), POOL(T_BASTA), POOL(T_ROST), POOL(T_ROST_YOUNG),
		POOL(T_MAL), POOL(T_STEG), POOL(T_UTV), POOL(T_MOT_BIFALL),
		POOL(T_MOT_DELAVSLAG), POOL(T_MOT_AVSLAG), POOL(T_BESVAR),
		POOL(T_BKA), POOL(BORDER), POOL(T_EXT), POOL(T_VERK), POOL(T_SKAL)
	};
	static const pool_ref nobarn[] = {
		POOL(T_MOT_BIFALL), POOL(T_MOT_DELAVSLAG), POOL(T_MOT_AVSLAG),
		POOL(BORDER), POOL(SHORT), POOL(FIRST_F), POOL(FIRST_M),
		POOL(FIRST_CHILD), POOL(LAST)
	};
	abuf t = ABUF_INIT;
	pcre2_code *barn = NULL, *ana = NULL, *vald = NULL, *ung = NULL, *kontroll = NULL;
	pcre2_match_data *md = NULL;
	int errcode, rc = AUDIT_OK;
	PCRE2_SIZE erroff;
	size_t i, k;
	const char *bad = NULL, *why = NULL;

	barn = pcre2_compile((PCRE2_SPTR)"\\bbarn(en|ens|et|ets)?\\b", PCRE2_ZERO_TERMINATED,
			     PCRE2_CASELESS | PCRE2_UTF | PCRE2_UCP, &errcode, &erroff, NULL);
	ana = pcre2_compile((PCRE2_SPTR)"bedöm|analys|sammantaget|mot bakgrund av",
			    PCRE2_ZERO_TERMINATED, PCRE2_CASELESS | PCRE2_UTF | PCRE2_UCP,
			    &errcode, &erroff, NULL);
	/* the journal patterns of VALD-01, UNG-01 and UTR-09 */
	vald = pcre2_compile((PCRE2_SPTR)"\\bvåld|hot\\b|misshandel|FREDA", PCRE2_ZERO_TERMINATED,
			     PCRE2_CASELESS | PCRE2_UTF | PCRE2_UCP, &errcode, &erroff, NULL);
	ung = pcre2_compile((PCRE2_SPTR)"kontakt|uppföljning|avslut", PCRE2_ZERO_TERMINATED,
			    PCRE2_CASELESS | PCRE2_UTF | PCRE2_UCP, &errcode, &erroff, NULL);
	kontroll = pcre2_compile((PCRE2_SPTR)"infotorg|kontroll", PCRE2_ZERO_TERMINATED,
				 PCRE2_CASELESS | PCRE2_UTF | PCRE2_UCP, &errcode, &erroff, NULL);
	if (barn && ana)
		md = pcre2_match_data_create_from_pattern(barn, NULL);
	if (!barn || !ana || !vald || !ung || !kontroll || !md) {
		rc = audit_err_set(e, AUDIT_EIO, NULL, 0, 0, "pool check: cannot compile the patterns");
		goto done;
	}
	/* shortest names and ages, so the length check is a lower bound */
	for (i = 0; !bad && i < NELEM(text); i++)
		for (k = 0; !bad && k < text[i].n; k++) {
			if (expand(&t, text[i].p[k], "Ali", "Per", "Leo", "1") != AUDIT_OK)
				goto oom;
			if (norm_chars(abuf_str(&t)) < 10)
				bad = text[i].p[k], why = text[i].name;
		}
	for (k = 0; !bad && k < NELEM(SHORT); k++)
		if (norm_chars(SHORT[k]) >= 10)
			bad = SHORT[k], why = "SHORT is Text";
	for (k = 0; !bad && k < NELEM(SHORT_BARN); k++)
		if (norm_chars(SHORT_BARN[k]) >= 10 || !re_match(barn, md, SHORT_BARN[k]))
			bad = SHORT_BARN[k], why = "SHORT_BARN";
	for (k = 0; !bad && k < NELEM(BORDER); k++)
		if (norm_chars(BORDER[k]) != 10)
			bad = BORDER[k], why = "BORDER is not exactly 10 characters";
	for (i = 0; !bad && i < NELEM(nobarn); i++)
		for (k = 0; !bad && k < nobarn[i].n; k++) {
			if (expand(&t, nobarn[i].p[k], "Elsa", "Omar", "Liam", "7") != AUDIT_OK)
				goto oom;
			if (re_match(barn, md, abuf_str(&t)))
				bad = nobarn[i].p[k], why = "mentions children";
		}
	for (k = 0; !bad && k < NELEM(T_MOT_BARN); k++) {
		if (expand(&t, T_MOT_BARN[k], "Elsa", "Omar", "Liam", "7") != AUDIT_OK)
			goto oom;
		if (!re_match(barn, md, abuf_str(&t)))
			bad = T_MOT_BARN[k], why = "T_MOT_BARN does not match";
	}
	for (k = 0; !bad && k < NELEM(T_ANA_MATCH); k++)
		if (!re_match(ana, md, T_ANA_MATCH[k]))
			bad = T_ANA_MATCH[k], why = "T_ANA_MATCH does not match";
	for (k = 0; !bad && k < NELEM(T_ANA_PLAIN); k++)
		if (re_match(ana, md, T_ANA_PLAIN[k]))
			bad = T_ANA_PLAIN[k], why = "T_ANA_PLAIN matches";
	/* journal: violence is noticed only in J_VALD and J_FREDA entries; a
	 * contact's heading counts for UNG-01 and is no kontroll for UTR-09 */
	for (i = 0; !bad && i < J_NKIND; i++)
		for (k = 0; !bad && k < 2; k++) {
			int v = re_match(vald, md, J_TEXT[i][k]) || re_match(vald, md, J_RUBRIK[i]);
			if (v != (i == J_VALD || i == J_FREDA))
				bad = J_TEXT[i][k], why = "journal text and the violence pattern";
		}
	for (k = 0; !bad && k < PT_N; k++) {
		if (re_match(vald, md, PART_NAMN[k]) || re_match(vald, md, PART_RUBRIK[k]))
			bad = PART_NAMN[k], why = "a party matches the violence pattern";
		else if (!re_match(ung, md, PART_RUBRIK[k]) || re_match(kontroll, md, PART_RUBRIK[k]))
			bad = PART_RUBRIK[k], why = "a contact heading and the UNG-01/UTR-09 patterns";
	}
	for (k = 0; !bad && k < NELEM(T_SAMT_J); k++)
		if (re_match(vald, md, T_SAMT_J[k]))
			bad = T_SAMT_J[k], why = "T_SAMT_J matches the violence pattern";
	for (i = 0; !bad && i < J_NKIND; i++)
		if (i != J_INFOTORG && re_match(kontroll, md, J_RUBRIK[i]))
			bad = J_RUBRIK[i], why = "a journal heading matches infotorg|kontroll";
	if (bad)
		rc = audit_err_set(e, AUDIT_EIO, NULL, 0, 0, "pool check: %s: \"%s\"", why, bad);
	goto done;
oom:
	rc = audit_err_set(e, AUDIT_ENOMEM, NULL, 0, 0, "out of memory");
done:
	abuf_free(&t);
	pcre2_match_data_free(md);
	pcre2_code_free(barn);
	pcre2_code_free(ana);
	pcre2_code_free(vald);
	pcre2_code_free(ung);
	pcre2_code_free(kontroll);
	return rc;
}
