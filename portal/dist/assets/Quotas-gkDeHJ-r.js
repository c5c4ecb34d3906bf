import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{t as r}from"./useTranslation-C_P0klXE.js";import{a as i,c as a,f as o,i as s,l as c,m as l,n as u,p as d,r as f,s as ee,t as te,u as p}from"./usePageTitle-Df7Stdrq.js";var m=e(t(),1),h=n(),g=p(`
  query QuotaGrid($from: Period!, $to: Period!, $year: Period!, $where: DealerWhereInput, $channelID: ID) {
    channels(first: 50) {
      edges {
        node {
          id
          code
          name
        }
      }
    }
    dealers(first: 100, orderBy: { field: CODE, direction: ASC }, where: $where) {
      edges {
        node {
          id
          code
          name
          quotaProgress(period: $year) {
            period
            quota
            netSales
            completion
          }
        }
      }
    }
    quotas(from: $from, to: $to, channelID: $channelID) {
      id
      dealerID
      month
      amount
    }
  }
`),_=p(`
  mutation SetQuotas($input: [QuotaInput!]!) {
    setQuotas(input: $input) {
      id
      dealerID
      month
      amount
    }
  }
`),v=p(`
  mutation ImportQuotas($csv: String!) {
    importQuotas(csv: $csv) {
      written
    }
  }
`),y=p(`
  query QuotasCSV($from: Period!, $to: Period!, $channelID: ID) {
    quotasCSV(from: $from, to: $to, channelID: $channelID)
  }
`);function b(e){let t=e?.graphQLErrors[0]?.extensions?.rows;return Array.isArray(t)?t.flatMap(e=>e&&typeof e==`object`&&typeof e.line==`number`?[{line:e.line,field:String(e.field??``),message:String(e.message??``)}]:[]):[]}var x=Array.from({length:12},(e,t)=>String(t+1).padStart(2,`0`)),S=/^\d+(\.\d{1,2})?$/,C=524288,ne={"dealer code":`dealerCode`,month:`month`,amount:`amount`,row:`row`},w=(e,t)=>`${e}|${t}`;function re(e){let[t,n=``]=e.split(`.`);return Number(t)*100+Number((n+`00`).slice(0,2))}function ie(e){return`${Math.floor(e/100)}.${String(e%100).padStart(2,`0`)}`}function T(){let{t:e,i18n:t}=r();te(e(`quotas.title`));let n=(0,m.useId)(),p=(0,m.useId)(),T=(0,m.useId)(),E=o(),[{data:D}]=c(),[O,k]=(0,m.useState)(()=>new Date().getFullYear()),[A,j]=(0,m.useState)(``),[M,N]=(0,m.useState)({}),[P,F]=(0,m.useState)({}),[I,L]=(0,m.useState)(``),[R,z]=(0,m.useState)(``),[B,V]=(0,m.useState)([]),[H,U]=(0,m.useState)(``),W=(0,m.useRef)(null),G=`${O}-01`,K=`${O}-12`,[{data:q,error:J,fetching:ae},oe]=l({query:g,variables:{from:G,to:K,year:String(O),where:A?{channelID:A}:null,channelID:A||null},pause:D?.me.role===`DEALER`}),[se,ce]=d(_),[le,ue]=d(v),Y=()=>oe({requestPolicy:`network-only`});if(D?.me.role===`DEALER`)return(0,h.jsxs)(`section`,{children:[(0,h.jsx)(`h1`,{children:e(`quotas.title`)}),(0,h.jsx)(u,{children:e(`quotas.staffOnly`)})]});let X={};for(let e of q?.quotas??[])X[w(e.dealerID,e.month)]=e.amount;let Z=(q?.dealers.edges??[]).flatMap(e=>e?.node?[e.node]:[]),Q=(q?.channels.edges??[]).flatMap(e=>e?.node?[e.node]:[]),$=Object.keys(M),de=new Intl.NumberFormat(t.language,{style:`percent`,maximumFractionDigits:1}),fe=(e,t)=>{L(``),F(t=>{let{[e]:n,...r}=t;return r}),N(n=>{if(t===(X[e]??``)){let{[e]:t,...r}=n;return r}return{...n,[e]:t}})},pe=async()=>{let t=Object.keys(M),n={};for(let r of t)S.test(M[r].trim())||(n[r]=e(`quotas.badAmount`));if(Object.keys(n).length){F(n);return}let r=t.map(e=>{let[t,n]=e.split(`|`);return{dealerID:t,month:n,amount:M[e].trim()}}),o=await ce({input:r});if(o.error){let n={};for(let r of ee(o.error)){let a=/^input\[(\d+)\]/.exec(r.field),o=a?t[Number(a[1])]:void 0;o&&(n[o]=i(e,r,`quotas.refused`))}Object.keys(n).length||(n[t[0]]=a(e,o.error,`quotas.refused`)),F(n)}else N({}),F({}),L(e(`quotas.saved`,{count:t.length})),Y()},me=async()=>{let e=await E.query(y,{from:G,to:K,channelID:A||null},{requestPolicy:`network-only`}).toPromise();if(!e.data)return;let t=URL.createObjectURL(new Blob([e.data.quotasCSV],{type:`text/csv;charset=utf-8`})),n=document.createElement(`a`);n.href=t,n.download=`quotas-${O}.csv`,document.body.appendChild(n),n.click(),n.remove(),URL.revokeObjectURL(t)},he=async t=>{if(z(``),V([]),U(``),!t)return;if(t.size>C){U(e(`quotas.import.tooLarge`));return}let n=await ue({csv:await t.text()});if(W.current&&(W.current.value=``),n.error){let t=b(n.error);t.length?V(t):U(a(e,n.error,`quotas.refused`))}else z(e(`quotas.import.done`,{count:n.data?.importQuotas.written??0})),Y()};return(0,h.jsxs)(`section`,{"aria-labelledby":`quotas-title`,children:[(0,h.jsx)(`h1`,{id:`quotas-title`,children:e(`quotas.title`)}),(0,h.jsx)(`p`,{className:`lead`,children:e(`quotas.intro`)}),(0,h.jsxs)(`div`,{className:`filter quota-filter`,children:[(0,h.jsx)(`label`,{htmlFor:n,children:e(`quotas.year`)}),(0,h.jsx)(`select`,{id:n,value:O,onChange:e=>k(Number(e.target.value)),disabled:$.length>0,children:[-2,-1,0,1].map(e=>{let t=new Date().getFullYear()+e;return(0,h.jsx)(`option`,{value:t,children:t},t)})}),(0,h.jsx)(`label`,{htmlFor:p,children:e(`quotas.channel`)}),(0,h.jsxs)(`select`,{id:p,value:A,onChange:e=>j(e.target.value),disabled:$.length>0,children:[(0,h.jsx)(`option`,{value:``,children:e(`quotas.allChannels`)}),Q.map(e=>(0,h.jsx)(`option`,{value:e.id,children:e.name},e.id))]})]}),ae&&!q?(0,h.jsx)(s,{}):J&&!q?(0,h.jsx)(f,{error:J,onRetry:Y}):Z.length===0?(0,h.jsx)(u,{children:e(`quotas.empty`)}):(0,h.jsxs)(h.Fragment,{children:[(0,h.jsx)(`div`,{className:`quota-scroll`,role:`region`,"aria-label":e(`quotas.gridLabel`,{year:O}),tabIndex:0,children:(0,h.jsxs)(`table`,{className:`quota-grid`,children:[(0,h.jsx)(`thead`,{children:(0,h.jsxs)(`tr`,{children:[(0,h.jsx)(`th`,{scope:`col`,children:e(`quotas.dealer`)}),x.map(t=>(0,h.jsx)(`th`,{scope:`col`,className:`num`,children:e(`quotas.month.${t}`)},t)),(0,h.jsx)(`th`,{scope:`col`,className:`num`,children:e(`quotas.total`)}),(0,h.jsx)(`th`,{scope:`col`,className:`num`,children:e(`quotas.completion`)})]})}),(0,h.jsx)(`tbody`,{children:Z.map(t=>{let n=0;for(let e of x){let r=w(t.id,`${O}-${e}`),i=M[r]??X[r]??``;S.test(i.trim())&&(n+=re(i.trim()))}let r=t.quotaProgress.completion;return(0,h.jsxs)(`tr`,{"data-dealer":t.code,children:[(0,h.jsxs)(`th`,{scope:`row`,children:[(0,h.jsx)(`span`,{className:`mono`,children:t.code}),` `,(0,h.jsx)(`span`,{className:`quota-dealer-name`,children:t.name})]}),x.map(n=>{let r=`${O}-${n}`,i=w(t.id,r),a=P[i];return(0,h.jsxs)(`td`,{className:a?`quota-cell quota-cell-bad`:M[i]===void 0?`quota-cell`:`quota-cell quota-cell-edited`,children:[(0,h.jsx)(`input`,{inputMode:`decimal`,"aria-label":e(`quotas.cellLabel`,{dealer:t.code,month:r}),"aria-invalid":a?!0:void 0,title:a,"data-month":r,value:M[i]??X[i]??``,placeholder:`0.00`,onChange:e=>fe(i,e.target.value)}),a&&(0,h.jsx)(`span`,{className:`quota-cell-error`,role:`alert`,children:a})]},n)}),(0,h.jsx)(`td`,{className:`num money`,children:ie(n)}),(0,h.jsx)(`td`,{className:`num`,title:e(`quotas.netSales`,{amount:t.quotaProgress.netSales}),children:r==null?`—`:de.format(r)})]},t.id)})})]})}),(0,h.jsxs)(`div`,{className:`quota-actions`,children:[(0,h.jsx)(`button`,{type:`button`,className:`button button-primary`,disabled:!$.length||se.fetching,onClick:pe,children:e(`quotas.save`,{count:$.length})}),(0,h.jsx)(`button`,{type:`button`,className:`button button-quiet`,disabled:!$.length,onClick:()=>(N({}),F({})),children:e(`quotas.discard`)}),I&&(0,h.jsx)(`span`,{role:`status`,className:`quota-saved`,children:I})]})]}),(0,h.jsx)(`h2`,{children:e(`quotas.csvTitle`)}),(0,h.jsx)(`p`,{className:`muted`,children:e(`quotas.csvIntro`)}),(0,h.jsxs)(`div`,{className:`quota-actions`,children:[(0,h.jsx)(`button`,{type:`button`,className:`button`,onClick:me,children:e(`quotas.export`,{year:O})}),(0,h.jsx)(`label`,{htmlFor:T,className:`button`,children:e(`quotas.import.choose`)}),(0,h.jsx)(`input`,{id:T,ref:W,type:`file`,accept:`.csv,text/csv`,className:`visually-hidden`,disabled:le.fetching,onChange:e=>he(e.target.files?.[0])})]}),R&&(0,h.jsx)(`p`,{role:`status`,className:`notice quota-import-done`,children:R}),H&&(0,h.jsx)(`p`,{role:`alert`,className:`state state-error`,children:H}),B.length>0&&(0,h.jsxs)(`div`,{role:`alert`,className:`state state-error quota-import-rows`,children:[(0,h.jsx)(`p`,{className:`state-title`,children:e(`quotas.import.refused`,{count:B.length})}),(0,h.jsx)(`ul`,{children:B.map((t,n)=>(0,h.jsxs)(`li`,{"data-line":t.line,children:[e(`quotas.import.row`,{line:t.line,field:e(`quotas.column.${ne[t.field]??`row`}`)}),` `,t.message]},n))})]})]})}export{v as ImportQuotasMutation,g as QuotaGridQuery,T as Quotas,y as QuotasCSVQuery,_ as SetQuotasMutation,b as rowProblemsOf};