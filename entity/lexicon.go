package entity

import (
	_ "embed"
	"strings"
)

// gazetteer lists countries and their first-level subdivisions, generated
// from iso-codes by scripts/gen-places.
//
//go:embed places.txt
var gazetteer string

// withLines adds the non-comment lines of a word list to a set.
func withLines(m map[string]bool, list string) map[string]bool {
	for _, l := range strings.Split(list, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			m[l] = true
		}
	}
	return m
}

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Split(words, ",") {
		if w = strings.TrimSpace(w); w != "" {
			m[w] = true
		}
	}
	return m
}

// functionWords are capitalised only because they open a sentence.
var functionWords = set(`oh,let,rather,well,yes,okay,ok,hey,wow,indeed,perhaps,maybe,sure,thus,hence,otherwise,unlike,like,please,
thanks,sorry,wait,yeah,alas,nor,besides,anyway,whether,unless,until,because,whatever,whoever,
the,a,an,in,on,at,but,and,or,he,she,it,they,we,i,you,this,that,these,those,his,her,their,its,our,my,
after,before,when,while,if,as,for,with,from,by,according,since,although,though,meanwhile,however,still,also,some,many,most,
one,two,three,several,both,all,no,not,yet,so,then,there,here,what,who,which,where,why,how,instead,despite,during,under,
over,about,asked,speaking,last,next,earlier,later,today,yesterday,tomorrow,now,even,only,just,such,each,every,other,
another,more,much,few,any,thousands,hundreds,dozens,officials,critics,analysts,experts,residents,police,local,new,
commercial,security,reaction,under,only,reports,talks,four,five,six,seven,eight,nine,ten,half,nobody,none,nothing`)

// titleWords come before a name and make a role, not part of it.
var titleWords = set(`president,prime,minister,foreign,defence,defense,interior,finance,deputy,vice,secretary,senator,sen,rep,
representative,gov,governor,general,gen,lt,col,colonel,maj,major,admiral,adm,captain,capt,commander,mr,mrs,ms,dr,prof,
professor,chancellor,spokeswoman,spokesman,spokesperson,king,queen,prince,princess,sheikh,ambassador,mayor,judge,justice,
chairman,chairwoman,chief,director,pope,speaker,leader,opposition,state,treasury,attorney,acting,former,supreme,
first,lady,sir,dame,lord,president-elect,emir,sultan,ayatollah,patriarch,cardinal,bishop,rabbi,imam,senior,top,
house,senate,party,army,navy,air,force,ministry,security,council,national,federal,economy,energy,trade,health,education,
sens,reps,govs,assemblyman,assemblywoman,congressman,congresswoman,councilman,councilwoman,commissioner,sheriff,
superintendent,delegate,nominee,candidate`)

// personTitles are titles only people bear.
var personTitles = set(`president,senator,governor,minister,secretary,mayor,judge,justice,king,queen,prince,princess,pope,
sheikh,ambassador,chancellor,professor,general,colonel,captain,admiral,sir,dame,lord,lady,emir,sultan,ayatollah,rabbi,
imam,bishop,cardinal,spokesman,spokeswoman,congressman,congresswoman,candidate,nominee,representative`)

// parties lead titles ("Republican Sen.") and, alone before a lower-case
// word, are adjectives, not names.
var parties = set(`republican,democratic,democrat,conservative,liberal,libertarian,progressive,labour,labor,gop,green,
socialist,communist,independent`)

// demonyms before a title belong to the role: "Russian Foreign Minister".
var demonyms = set(`U.S.,US,UK,U.K.,EU,UN,American,British,French,German,Russian,Chinese,Syrian,Iranian,Israeli,Turkish,Saudi,
Iraqi,Egyptian,Ukrainian,Norvaskian,Maravian`)

// stopNames are capitalised spans that are never entities.
var stopNames = set(`monday,tuesday,wednesday,thursday,friday,saturday,sunday,january,february,march,april,may,june,july,
august,september,october,november,december,mr,mrs,ms,dr,i,god,internet,web,covid,christmas,easter,ramadan,
read more,subscribe,photo,advertisement,related,tags`)

var groupWords = set(`forces,front,brigade,brigades,movement,militia,militias,taliban,hezbollah,hamas,rebels,guard`)

var orgWords = set(`ministry,department,party,agency,university,college,council,company,corporation,corp,inc,ltd,group,
bank,institute,committee,commission,court,parliament,government,administration,office,army,navy,police,union,nations,
organization,organisation,association,foundation,fund,post,times,news,daily,courier,wire,journal,herald,tribune,
gazette,telegraph,guardian,press,network,channel,television,radio,service,services,board,authority,cabinet,senate,
congress,assembly,house,club,center,centre,school,hospital,church,campaign,watch,rally,coalition,alliance,society,
federation,league,movement,committees,citizens,americans,bureau,division,firm,trust,capital,holdings,media,solutions,
project,initiative,academy,museum,library,laboratory,laboratories,magazine,review,weekly,llc,co,systems,technologies,
airlines,airways,motors,industries,enterprises,partners,associates,pac,caucus,forum,exchange,reserve,embassy,consulate,
networks,institution,agencies,conference,international,pharmaceuticals,management,communications,entertainment,studios,
pictures,records,brands,software,labs,airline,railways,bancorp,reuters,bloomberg,interfax,sputnik,
tass,cnn,bbc,nbc,cbs,abc,fox,msnbc,politico,breitbart,huffpost,facebook,twitter,google,apple,microsoft,amazon`)

// outlets, named in full, are organisations that can be speakers.
var outlets = set(`the new york times,new york times,the washington post,washington post,usa today,the wall street journal,
wall street journal,reuters,associated press,interfax,sputnik,tass,rbc,ria novosti,ria,ntv,itar-tass,al jazeera,bloomberg,cnn,bbc,
fox news,politico,breitbart,huffpost,the guardian,the times,the economist,western journal,levant wire,
the meridian post,caspian daily,northern courier,harbor watch,channel 9 news`)

// places is a small list of countries and capitals; any single name after
// "in", "at", "from" or "to" is taken for a place as well.
var places = withLines(set(`syria,russia,ukraine,iran,iraq,israel,turkey,egypt,lebanon,jordan,saudi arabia,qatar,china,japan,india,
pakistan,afghanistan,germany,france,britain,england,italy,spain,poland,europe,asia,africa,america,united states,
washington,moscow,damascus,tehran,baghdad,beirut,ankara,cairo,london,paris,berlin,brussels,geneva,kiev,kyiv,beijing,
new york,california,texas,florida,ohio,pennsylvania,virginia,iowa,nevada,arizona,michigan,wisconsin,north carolina,
new hampshire,colorado,georgia,aleppo,idlib,latakia,homs,raqqa,deir ez-zor,crimea,tartus,khmeimim,mosul,
maravia,norvask,anselm,port anselm,maravia city`), gazetteer+"\n"+cities+"\n"+strings.ReplaceAll(stateAbbreviations, ",", ".\n")+".")

// cities lists cities and regions news names without their country.
//
//go:embed cities.txt
var cities string

var placeWords = set(`city,province,region,county,state,island,islands,sea,ocean,river,valley,mountains,port,airbase,base,
street,square,district,coast,gulf,strait,peninsula,bay,atoll,beach,heights,park,springs,falls,canyon,lake,avenue,hill,
boulevard,road,bridge,airport,desert,plain,plains,hills,basin,township,village,borough`)

// abbreviations keep their full stop inside a word ("Lt. Gen.").
var abbreviations = withLines(set(`mr,mrs,ms,dr,prof,gen,lt,col,maj,capt,adm,sgt,sen,rep,gov,st,jr,sr,rev,hon,amb,cmdr,gen,sens,reps,govs`),
	strings.ReplaceAll(stateAbbreviations, ",", "\n"))

// stateAbbreviations are the AP style's short state names, which keep
// their full stop and name places: "Calif.", "Fla.".
const stateAbbreviations = `ala,ariz,ark,calif,colo,conn,del,fla,ga,ill,ind,kan,kans,ky,la,md,mass,mich,minn,miss,mo,mont,neb,
nev,okla,ore,pa,tenn,tex,vt,va,wash,wis,wyo`

// groupNouns name peoples, faiths and parties' members; "-s" plurals
// are looked up without it.
var groupNouns = set(`latino,latina,hispanic,muslim,christian,jew,catholic,evangelical,protestant,mormon,arab,kurd,sunni,
shiite,shia,alawite,druze,asian,texan,democrat,republican,palestinian,israeli,yazidi,hindu,sikh,buddhist,amish`)

// compass words open regions: "Western Europe", "North Korea".
var compass = set(`western,eastern,northern,southern,central,north,south,east,west,upper,lower,greater,middle`)

// knownOrgs are single names of institutions that no suffix reveals.
var knownOrgs = set(`kremlin,pentagon,white house,gazprom,rosneft,opec,nato,interpol,downing street,élysée,elysee`)

// placePrefixes open place names: "Fort Halden", "Mount Hermon".
var placePrefixes = set(`fort,mount,lake,cape,port,camp,saint,st.,san,santa,qasr,kasr,tell,tel,tal,jebel,jabal,wadi,ras,bir,
ain,deir,kafr,khan,beit,bayt,wadi,jisr,bab,nahr,mar`)

var weekdays = set(`monday,tuesday,wednesday,thursday,friday,saturday,sunday`)

var months = set(`january,february,march,april,may,june,july,august,september,october,november,december,jan,feb,mar,apr,
jun,jul,aug,sep,sept,oct,nov,dec`)
